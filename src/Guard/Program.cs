using Guard.Cli;

return await GuardCommandLine.InvokeAsync(args).ConfigureAwait(false);
