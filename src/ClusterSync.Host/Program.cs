using ClusterSync.Host.Cli;

// `ClusterSync.Host` serves the directory; `ClusterSync.Host <verb> ...` runs one command and exits
// (migrate, resolve, api-key). See README.md.
return await Commands.RunAsync(args);
