using XenDemoCD.Iso9660;

namespace XenDemoCD.IsoTool;

/// <summary>
/// A Rock Ridge tree that cannot be read fails the command, and the message says how to read
/// what is left: the reader no longer falls back to Joliet on its own.
/// </summary>
internal static class DamagedRockRidge
{
    public static int Report(IsoImage image, IsoView view, TextWriter error, Func<int> read)
    {
        try
        {
            return read();
        }
        catch (IsoFormatException e)
            when (view is IsoView.Auto or IsoView.RockRidge && image.HasRockRidge)
        {
            var other = image.Joliet is null ? "--view plain" : "--view joliet or --view plain";
            error.WriteLine(
                $"isotool: the Rock Ridge tree is damaged: {e.Message} ({other} reads the image without Rock Ridge)"
            );
            return 1;
        }
    }
}
