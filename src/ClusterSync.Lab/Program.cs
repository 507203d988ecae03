using ClusterSync.Lab;

// `ClusterSync.Lab <verb> ...`: the tools that measure ClusterSync (evaluate, generate). The service
// itself is ClusterSync.Host. See README.md.
return await LabCommands.RunAsync(args, Console.Out, Console.Error);
