using Guard.Alerts.Outbox;
using Guard.Configuration;
using Guard.Logging;
using Guard.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.Alerts;

/// <summary>
/// Drains the outbox: per channel strictly in order (a later notification never overtakes an earlier pending one),
/// channels in parallel. Delivered → recorded at once; Transient → retried with backoff; Permanent or
/// <c>MaxAttempts</c> used up → dead-lettered and reported through the other channels. Also drives reminders.
/// </summary>
public sealed partial class AlertDispatcher : PeriodicService
{
    /// <summary>Longest sleep with nothing due, so a configuration change or a clock jump is noticed eventually.</summary>
    public static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(5);

    /// <summary>How soon an outbox whose last write failed is written again (not only with the next change).</summary>
    public static readonly TimeSpan SaveRetry = TimeSpan.FromSeconds(5);

    private readonly AlertOutbox _outbox;
    private readonly AlertManager _manager;
    private readonly IAlertChannelFactory _factory;
    private readonly LiveOptions _options;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertDispatcher> _logger;
    private readonly HashSet<string> _reportedUnknown = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, IAlertChannel> _channels;

    public AlertDispatcher(AlertOutbox outbox, AlertManager manager, IAlertChannelFactory factory, LiveOptions options,
        SecretRedactor redactor, TimeProvider time, ILogger<AlertDispatcher> logger)
        : base(time, logger)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _outbox = outbox;
        _manager = manager;
        _factory = factory;
        _options = options;
        _redactor = redactor;
        _time = time;
        _logger = logger;
        _channels = Build(options.Current);
        options.Changed += current => _channels = Build(current);
    }

    /// <summary>Jitter source in [0, 1] (tests pin it).</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>
    /// One pass: queues due reminders, then sends every due head entry, channel by channel in order, until each channel
    /// is empty or waiting. Returns the number of send attempts made. Never throws except for cancellation.
    /// </summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        _outbox.RetryFailedSave();
        _manager.CheckRepeats();
        var channels = _channels;
        foreach (var unknown in _outbox.PendingChannels().Where(c => !channels.ContainsKey(c) && _reportedUnknown.Add(c)))
        {
            LogUnknownChannel(_logger, unknown);
        }

        var attempts = await Task.WhenAll(channels.Values.Select(c => DrainChannelAsync(c, cancellationToken))).ConfigureAwait(false);
        return attempts.Sum();
    }

    /// <summary>When the dispatcher next has work: the earliest due entry or reminder.</summary>
    public DateTimeOffset? NextWorkAt()
    {
        var entry = _outbox.NextDueAt(_channels.Keys);
        var repeat = _manager.NextRepeatAt();
        return entry is null ? repeat : repeat is null ? entry : entry < repeat ? entry : repeat;
    }

    protected override Task<bool> StartingAsync(CancellationToken cancellationToken)
    {
        _manager.WriteAlertFile();
        return Task.FromResult(true);
    }

    protected override Task TickAsync(CancellationToken cancellationToken) => DrainOnceAsync(cancellationToken);

    /// <summary>Until the next due entry or reminder, at most <see cref="MaxIdle"/> (<see cref="SaveRetry"/> while the outbox cannot be written).</summary>
    protected override TimeSpan NextWait()
    {
        var wait = NextWorkAt() is { } next ? next - _time.GetUtcNow() : MaxIdle;
        var longest = _outbox.SaveFailing ? SaveRetry : MaxIdle;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > longest ? longest : wait;
    }

    /// <summary>By design: a bug in one pass must not end alerting; the next pass retries soon.</summary>
    protected override TimeSpan WaitAfterFailure() => RetryBackoff.Initial;

    /// <summary>A new notice in the outbox ends the wait: it goes out now, not at the next due time.</summary>
    protected override Task WakeSignal() => _outbox.Changed;

    private async Task<int> DrainChannelAsync(IAlertChannel channel, CancellationToken cancellationToken)
    {
        var attempts = 0;
        while (true)
        {
            var now = _time.GetUtcNow();
            var head = _outbox.DueHeads(now, [channel.Name]).FirstOrDefault();
            if (head is null)
            {
                return attempts;
            }

            attempts++;
            var result = await SendAsync(channel, head, cancellationToken).ConfigureAwait(false);
            Record(channel.Name, head, result);
            if (!result.Ok && result.Outcome == DeliveryOutcome.Transient && _outbox.Read(d => d.FindEntry(head.EntryId)?.State) == OutboxEntryState.Pending)
            {
                return attempts; // the head waits for its retry; nothing behind it may go first
            }
        }
    }

    private async Task<DeliveryResult> SendAsync(IAlertChannel channel, PendingDelivery head, CancellationToken cancellationToken)
    {
        try
        {
            return await channel.SendAsync(head.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Channels must not throw; if one does, treat it as a transient failure rather than losing the notice.
            return new DeliveryResult(DeliveryOutcome.Transient, $"channel threw {e.GetType().Name}");
        }
    }

    private void Record(string channel, PendingDelivery head, DeliveryResult result)
    {
        var now = _time.GetUtcNow();
        var error = result.Ok ? null : _redactor.Redact(Describe(result));
        var attempts = head.Attempts + 1;
        if (result.Ok)
        {
            _outbox.Commit(doc =>
            {
                var entry = doc.FindEntry(head.EntryId)!;
                entry.State = OutboxEntryState.Delivered;
                entry.Attempts = attempts;
                entry.DeliveredAt = now;
            });
            LogDelivered(_logger, head.Message.Kind, channel, head.Message.Id, attempts);
            return;
        }

        var maxAttempts = _options.Current.Alerts.MaxAttempts;
        if (result.Outcome == DeliveryOutcome.Transient && attempts < maxAttempts)
        {
            var next = now + RetryBackoff.Delay(attempts, result.RetryAfter, Jitter());
            _outbox.Commit(doc =>
            {
                var entry = doc.FindEntry(head.EntryId)!;
                entry.Attempts = attempts;
                entry.LastError = error;
                entry.NextAttemptAt = next;
            });
            LogRetry(_logger, head.Message.Kind, channel, attempts, error, next);
            return;
        }

        var reason = result.Outcome == DeliveryOutcome.Permanent ? error : $"gave up after {attempts} attempts: {error}";
        var others = AlertManager.ChannelNames(_options.Current.Alerts).Where(c => !string.Equals(c, channel, StringComparison.Ordinal)).ToList();

        // Never report a lost ChannelFailed notice again (no loops), and one report per channel per RepeatEvery.
        var report = head.Message.Kind == AlertEventKind.ChannelFailed || others.Count == 0
            ? null
            : _manager.RenderChannelFailed(channel, head.Message, reason, now);
        var repeatEvery = _options.Current.Alerts.RepeatEvery;
        var reported = false;
        _outbox.Commit(doc =>
        {
            var entry = doc.FindEntry(head.EntryId)!;
            entry.State = OutboxEntryState.Dead;
            entry.Attempts = attempts;
            entry.LastError = reason;
            entry.DeadAt = now;
            if (report is not null && (!doc.ChannelFailedAt.TryGetValue(channel, out var last) || now - last >= repeatEvery))
            {
                doc.ChannelFailedAt[channel] = now;
                reported = doc.Enqueue(report, others, now).Count > 0;
            }
        });
        LogDead(_logger, head.Message.Kind, channel, head.Message.Id, attempts, reason, reported);
    }

    private static string Describe(DeliveryResult result)
    {
        var parts = new List<string> { result.Outcome.ToString() };
        if (result.HttpStatus is { } status)
        {
            parts.Add($"HTTP {status}");
        }

        if (!string.IsNullOrEmpty(result.ChannelCode))
        {
            parts.Add($"code {result.ChannelCode}");
        }

        if (!string.IsNullOrEmpty(result.Detail))
        {
            parts.Add(result.Detail);
        }

        return string.Join(", ", parts);
    }

    private Dictionary<string, IAlertChannel> Build(GuardOptions current)
    {
        var built = new Dictionary<string, IAlertChannel>(StringComparer.Ordinal);
        foreach (var channel in _factory.Create(current.Alerts))
        {
            built[channel.Name] = channel;
        }

        return built;
    }

    [LoggerMessage(EventId = 4080, Level = LogLevel.Information, Message = "{Kind} delivered via {Channel} (id {MessageId}, attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, AlertEventKind kind, string channel, string messageId, int attempt);

    [LoggerMessage(EventId = 4081, Level = LogLevel.Warning, Message = "{Kind} via {Channel} failed (attempt {Attempt}): {Error}; retrying at {NextAttempt:u}")]
    private static partial void LogRetry(ILogger logger, AlertEventKind kind, string channel, int attempt, string? error, DateTimeOffset nextAttempt);

    [LoggerMessage(EventId = 4082, Level = LogLevel.Error, Message = "{Kind} via {Channel} dead-lettered (id {MessageId}, {Attempts} attempts): {Reason}; reported through the other channels: {Reported}")]
    private static partial void LogDead(ILogger logger, AlertEventKind kind, string channel, string messageId, int attempts, string? reason, bool reported);

    [LoggerMessage(EventId = 4083, Level = LogLevel.Warning, Message = "Pending notifications for channel {Channel}, which is not configured (or could not be built): kept until it is")]
    private static partial void LogUnknownChannel(ILogger logger, string channel);

}
