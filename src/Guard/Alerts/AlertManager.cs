using Guard.Alerts.AlertFile;
using Guard.Alerts.Outbox;
using Guard.Alerts.Rendering;
using Guard.Configuration;
using Microsoft.Extensions.Logging;

namespace Guard.Alerts;

/// <summary>
/// The firing set and the rules around it: a new fingerprint fires once (one outbox entry per configured channel, in
/// the same atomic write that records it as firing), a firing one is not raised again, a resolve sends one resolved
/// notice with the duration, Critical alerts get a reminder every <c>RepeatEvery</c>, one-shot notices never fire.
/// The firing set lives in the outbox file, so a restart neither re-fires nor forgets.
/// </summary>
public sealed partial class AlertManager(
    AlertOutbox outbox,
    AlertRenderer renderer,
    AlertFileWriter alertFile,
    LiveOptions options,
    TimeProvider time,
    ILogger<AlertManager> logger) : IAlertPublisher
{
    private readonly Lock _gate = new();

    public void Raise(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var settings = options.Current.Alerts;
        var now = time.GetUtcNow();
        var channels = ChannelNames(settings);
        lock (_gate)
        {
            var firing = FiringAlert.From(alert);
            if (alert.OneShot)
            {
                var notice = renderer.Render(firing, new AlertNotice(AlertIds.For(alert.Fingerprint, "once", alert.At), AlertStatus.Firing, now), settings);
                outbox.Commit(doc => doc.Enqueue(notice, channels, now));
                LogOneShot(logger, alert.Kind, alert.Fingerprint, channels.Count);
                return;
            }

            if (outbox.Read(doc => doc.FindFiring(alert.Fingerprint) is not null))
            {
                return;
            }

            var message = renderer.Render(firing, new AlertNotice(AlertIds.For(alert.Fingerprint, "firing", alert.At), AlertStatus.Firing, now), settings);
            firing.Message = message.Title + "\n" + message.Text;
            var silent = firing.GroupedInto is not null;
            if (!silent)
            {
                firing.LastSentAt = now;
                firing.NextRepeatAt = firing.Severity == AlertSeverity.Critical ? now + settings.RepeatEvery : null;
            }

            outbox.Commit(doc =>
            {
                doc.Firing.Add(firing);
                if (!silent)
                {
                    doc.Enqueue(message, channels, now);
                }
            });
            LogFiring(logger, alert.Kind, alert.Fingerprint, alert.Severity, silent ? $"grouped into {alert.GroupedInto}" : $"{channels.Count} channels");
            WriteAlertFile();
        }
    }

    public void Resolve(string fingerprint, DateTimeOffset at, string? note = null) => Resolve(fingerprint, at, note, silent: false);

    /// <summary>Resolves; <paramref name="silent"/> (or a grouped alert that never had a notice) sends nothing. False if it was not firing.</summary>
    public bool Resolve(string fingerprint, DateTimeOffset at, string? note, bool silent)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var settings = options.Current.Alerts;
        var now = time.GetUtcNow();
        var channels = ChannelNames(settings);
        lock (_gate)
        {
            var firing = outbox.Read(doc => doc.FindFiring(fingerprint)?.Copy());
            if (firing is null)
            {
                return false;
            }

            silent |= firing.GroupedInto is not null;
            var message = silent ? null
                : renderer.Render(firing, new AlertNotice(AlertIds.For(fingerprint, "resolved", firing.Since), AlertStatus.Resolved, at, Note: note), settings);
            outbox.Commit(doc =>
            {
                doc.Firing.RemoveAll(a => a.Fingerprint == fingerprint);
                if (message is not null)
                {
                    doc.Enqueue(message, channels, now);
                }
            });
            LogResolved(logger, firing.Kind, fingerprint, AlertFormat.Duration(at - firing.Since), silent);
            WriteAlertFile();
            return true;
        }
    }

    /// <summary>
    /// After a grouped alert (ChainDark) resolved: members for which <paramref name="resolveNow"/> holds end silently
    /// (the group's resolved notice spoke for them); the others fire on their own, so their recovery is announced later.
    /// </summary>
    public void ReleaseGroup(string groupFingerprint, Func<FiringAlert, bool> resolveNow)
    {
        ArgumentNullException.ThrowIfNull(groupFingerprint);
        ArgumentNullException.ThrowIfNull(resolveNow);
        lock (_gate)
        {
            var members = outbox.Read(doc => doc.Firing.Where(a => a.GroupedInto == groupFingerprint).Select(a => a.Copy()).ToList());
            if (members.Count == 0)
            {
                return;
            }

            var ending = members.Where(resolveNow).Select(a => a.Fingerprint).ToHashSet(StringComparer.Ordinal);
            outbox.Commit(doc =>
            {
                doc.Firing.RemoveAll(a => ending.Contains(a.Fingerprint));
                foreach (var alert in doc.Firing.Where(a => a.GroupedInto == groupFingerprint))
                {
                    alert.GroupedInto = null;
                }
            });
            LogGroupReleased(logger, groupFingerprint, ending.Count, members.Count - ending.Count);
            WriteAlertFile();
        }
    }

    /// <summary>Records a still-failing observation (for "last failure" in the resolved notice); written with the next change.</summary>
    public void NoteFailure(string fingerprint, DateTimeOffset at) =>
        outbox.Touch(doc =>
        {
            if (doc.FindFiring(fingerprint) is { } alert && at > alert.LastFailureAt)
            {
                alert.LastFailureAt = at;
            }
        });

    /// <summary>Queues a reminder for every Critical alert whose repeat is due. Returns how many.</summary>
    public int CheckRepeats()
    {
        var settings = options.Current.Alerts;
        var now = time.GetUtcNow();
        var channels = ChannelNames(settings);
        lock (_gate)
        {
            var due = outbox.Read(doc => doc.Firing.Where(a => a.GroupedInto is null && a.NextRepeatAt <= now).Select(a => a.Copy()).ToList());
            if (due.Count == 0)
            {
                return 0;
            }

            outbox.Commit(doc =>
            {
                foreach (var copy in due)
                {
                    var alert = doc.FindFiring(copy.Fingerprint)!;
                    alert.Repeats++;
                    alert.LastSentAt = now;
                    alert.NextRepeatAt = now + settings.RepeatEvery;
                    var id = AlertIds.For(alert.Fingerprint, "repeat", alert.Since, alert.Repeats);
                    doc.Enqueue(renderer.Render(alert, new AlertNotice(id, AlertStatus.Firing, now, Reminder: true), settings), channels, now);
                    LogReminder(logger, alert.Kind, alert.Fingerprint, alert.Repeats);
                }
            });
            return due.Count;
        }
    }

    /// <summary>When the next reminder is due, or null.</summary>
    public DateTimeOffset? NextRepeatAt() =>
        outbox.Read(doc => doc.Firing.Where(a => a.GroupedInto is null).Select(a => a.NextRepeatAt).Min());

    public bool IsFiring(string fingerprint) => outbox.Read(doc => doc.FindFiring(fingerprint) is not null);

    /// <summary>Copies of the firing alerts.</summary>
    public IReadOnlyList<FiringAlert> Firing() => outbox.Read(doc => doc.Firing.Select(a => a.Copy()).ToList());

    /// <summary>The notice that a channel lost a notification, for the other channels.</summary>
    public AlertMessage RenderChannelFailed(string channel, AlertMessage lost, string? error, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(lost);
        var alert = new FiringAlert
        {
            Fingerprint = $"ChannelFailed|{channel}",
            Kind = AlertEventKind.ChannelFailed,
            Severity = AlertSeverity.Warning,
            Detail = error,
            Lines = [lost.Title],
            Labels = new(StringComparer.Ordinal) { ["channel"] = channel },
            Since = at,
            LastFailureAt = at,
        };
        return renderer.Render(alert, new AlertNotice(AlertIds.For("ChannelFailed", channel, lost.Id), AlertStatus.Firing, at), options.Current.Alerts);
    }

    /// <summary>Rewrites the alert file from the firing set (also at start, so the heartbeat sees "all clear").</summary>
    public void WriteAlertFile() => alertFile.Write(Firing(), time.GetUtcNow());

    /// <summary>
    /// The channels a notification is queued for. A channel named as an OpenClaw channel's Fallback is left out: it
    /// carries that channel's notices only when the chat send fails, so the owner gets one notice, not two.
    /// </summary>
    public static List<string> ChannelNames(AlertsOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var fallbacks = settings.Channels.Where(c => c.Type == AlertChannelType.OpenClaw && !string.IsNullOrEmpty(c.Fallback))
            .Select(c => c.Fallback!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return settings.Channels.Select(c => c.Name).Where(n => !string.IsNullOrEmpty(n) && !fallbacks.Contains(n)).ToList();
    }

    [LoggerMessage(EventId = 4070, Level = LogLevel.Warning, Message = "Alert {Kind} firing ({Fingerprint}, {Severity}): {Delivery}")]
    private static partial void LogFiring(ILogger logger, AlertEventKind kind, string fingerprint, AlertSeverity severity, string delivery);

    [LoggerMessage(EventId = 4071, Level = LogLevel.Information, Message = "Alert {Kind} resolved ({Fingerprint}) after {Duration}; silent: {Silent}")]
    private static partial void LogResolved(ILogger logger, AlertEventKind kind, string fingerprint, string duration, bool silent);

    [LoggerMessage(EventId = 4072, Level = LogLevel.Information, Message = "Notice {Kind} ({Fingerprint}) queued for {Channels} channels")]
    private static partial void LogOneShot(ILogger logger, AlertEventKind kind, string fingerprint, int channels);

    [LoggerMessage(EventId = 4073, Level = LogLevel.Warning, Message = "Alert {Kind} still firing ({Fingerprint}): reminder {Repeat} queued")]
    private static partial void LogReminder(ILogger logger, AlertEventKind kind, string fingerprint, int repeat);

    [LoggerMessage(EventId = 4074, Level = LogLevel.Information, Message = "Group {Group} resolved: {Ended} grouped alerts ended with it, {Remaining} now fire on their own")]
    private static partial void LogGroupReleased(ILogger logger, string group, int ended, int remaining);
}
