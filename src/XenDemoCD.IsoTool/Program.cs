using XenDemoCD.IsoTool;

return Cli.Run(args, Console.Out, Console.Error);
