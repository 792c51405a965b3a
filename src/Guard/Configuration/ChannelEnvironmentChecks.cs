namespace Guard.Configuration;

/// <summary>
/// A configured alert channel whose SecretEnv/UrlEnv/TokenEnv names an unset variable can never send: that is a
/// configuration error for the commands that send (run, check-config, test-alert, drill), not a "(NOT SET)" line.
/// </summary>
public static class ChannelEnvironmentChecks
{
    public static IEnumerable<ConfigProblem> Check(GuardOptions options, Func<string, string?> getEnv)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(getEnv);
        for (var i = 0; i < options.Alerts.Channels.Count; i++)
        {
            var channel = options.Alerts.Channels[i];
            var path = $"{GuardOptions.SectionName}:Alerts:Channels:{i}";
            foreach (var (key, variable) in new[] { ("SecretEnv", channel.SecretEnv), ("TokenEnv", channel.TokenEnv), ("UrlEnv", channel.UrlEnv) })
            {
                if (string.IsNullOrWhiteSpace(variable))
                {
                    continue;
                }

                var value = getEnv(variable)?.Trim();
                if (string.IsNullOrEmpty(value))
                {
                    yield return new($"{path}:{key}", variable,
                        $"${variable} is not set or empty in Guard's environment; channel '{channel.Name}' could never send (set it, e.g. in ~/.config/guard/env, or remove the channel)");
                }
                else if (key == "UrlEnv" && string.IsNullOrWhiteSpace(channel.Url) && !GuardOptionsCrossFieldValidator.IsHttpUrl(value))
                {
                    // The value is a credential: name the variable, never echo what it holds.
                    yield return new($"{path}:{key}", variable, $"${variable} does not hold an absolute http:// or https:// URL");
                }
            }
        }
    }
}
