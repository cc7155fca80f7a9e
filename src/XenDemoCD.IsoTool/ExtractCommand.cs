using XenDemoCD.Iso9660;

namespace XenDemoCD.IsoTool;

internal static class ExtractCommand
{
    public static int Run(Arguments arguments, TextWriter output, TextWriter error)
    {
        using var image = IsoImage.Open(arguments.Positional(0), strict: arguments.Has("--strict"));
        var view = arguments.View;
        var overwrite = arguments.Has("--overwrite");
        return DamagedRockRidge.Report(
            image,
            view,
            error,
            () =>
            {
                ExtractResult result;
                try
                {
                    result = IsoExtractor.Extract(
                        image,
                        arguments.Positional(1),
                        new ExtractOptions
                        {
                            View = view,
                            Strict = arguments.Has("--strict"),
                            ExistingFiles = overwrite
                                ? ExistingFilePolicy.Overwrite
                                : ExistingFilePolicy.Refuse,
                        }
                    );
                }
                catch (ExistingFilesException e) when (!overwrite)
                {
                    error.WriteLine($"isotool extract: {e.Message} (--overwrite replaces them)");
                    return 1;
                }
                foreach (var warning in result.Warnings)
                {
                    output.WriteLine($"warning: {warning}");
                }
                output.WriteLine(
                    $"{result.Directories} directories, {result.Files} files, {result.HardLinks} hard links, {result.Symlinks} symlinks, {result.SpecialFiles} special files, {result.Bytes} bytes"
                );
                return 0;
            }
        );
    }
}
