using Microsoft.Extensions.Logging;

namespace LineGov.Messaging;

/// <summary>A channel access token as issued: the token and when it expires.</summary>
internal sealed record IssuedChannelAccessToken(string AccessToken, DateTimeOffset ExpiresAt)
{
    /// <summary>Redacted: the token is a secret.</summary>
    public override string ToString() => $"IssuedChannelAccessToken {{ (token redacted), ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>
/// Caches an issued token and refreshes it shortly before it expires. Concurrent callers share one refresh (a single
/// flight); a caller's cancellation stops its own wait, never the shared request. If a refresh fails while the cached
/// token is still valid, callers keep getting that token and the next attempt waits a little.
/// </summary>
internal sealed partial class ChannelAccessTokenCache
{
    private readonly Func<CancellationToken, Task<IssuedChannelAccessToken>> _issue;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshBefore;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeSpan _retryAfterFailure;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Entry? _current;
    private Task<Entry>? _flight;
    private long _nextAttemptUtcTicks;

    public ChannelAccessTokenCache(
        Func<CancellationToken, Task<IssuedChannelAccessToken>> issue,
        TimeProvider timeProvider,
        TimeSpan refreshBefore,
        TimeSpan requestTimeout,
        TimeSpan retryAfterFailure,
        ILogger logger)
    {
        _issue = issue;
        _timeProvider = timeProvider;
        _refreshBefore = refreshBefore;
        _requestTimeout = requestTimeout;
        _retryAfterFailure = retryAfterFailure;
        _logger = logger;
    }

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var current = Volatile.Read(ref _current);
        var now = _timeProvider.GetUtcNow();
        if (current is not null && now < current.RefreshAt)
        {
            return ValueTask.FromResult(current.Token.AccessToken);
        }

        if (current is not null && now < current.Token.ExpiresAt && now.UtcTicks < Volatile.Read(ref _nextAttemptUtcTicks))
        {
            // The last refresh failed moments ago; the cached token is still good.
            return ValueTask.FromResult(current.Token.AccessToken);
        }

        return RefreshAsync(current, cancellationToken);
    }

    public void Invalidate(string token)
    {
        lock (_gate)
        {
            if (_current is { } current && string.Equals(current.Token.AccessToken, token, StringComparison.Ordinal))
            {
                _current = null;
                _nextAttemptUtcTicks = 0;
                LogInvalidated(_logger);
            }
        }
    }

    private async ValueTask<string> RefreshAsync(Entry? current, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await JoinOrStart().WaitAsync(cancellationToken).ConfigureAwait(false);
            return entry.Token.AccessToken;
        }
        catch (LineApiException) when (current is not null && _timeProvider.GetUtcNow() < current.Token.ExpiresAt && Volatile.Read(ref _current) == current)
        {
            // Refresh failed but the token we hold has not expired: use it; LINE will say if it disagrees.
            return current.Token.AccessToken;
        }
    }

    private Task<Entry> JoinOrStart()
    {
        TaskCompletionSource<Entry> completion;
        lock (_gate)
        {
            if (_current is { } current && _timeProvider.GetUtcNow() < current.RefreshAt)
            {
                return Task.FromResult(current);
            }

            if (_flight is { } flight)
            {
                return flight;
            }

            completion = new TaskCompletionSource<Entry>(TaskCreationOptions.RunContinuationsAsynchronously);
            _flight = completion.Task;
        }

        _ = RunAsync(completion);
        return completion.Task;
    }

    private async Task RunAsync(TaskCompletionSource<Entry> completion)
    {
        var started = _timeProvider.GetUtcNow();
        try
        {
            IssuedChannelAccessToken issued;
            using (var timeout = new CancellationTokenSource(_requestTimeout, _timeProvider))
            {
                try
                {
                    issued = await _issue(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
                {
                    throw new LineApiException("The LINE token endpoint did not answer in time.", e);
                }
            }

            var lifetime = issued.ExpiresAt - started;
            var margin = lifetime / 2 < _refreshBefore ? lifetime / 2 : _refreshBefore;
            var entry = new Entry(issued, issued.ExpiresAt - margin);
            lock (_gate)
            {
                _current = entry;
                _flight = null;
                _nextAttemptUtcTicks = 0;
            }

            LogIssued(_logger, issued.ExpiresAt);
            completion.SetResult(entry);
        }
#pragma warning disable CA1031 // Every waiter must be released with the failure, whatever it was.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var failure = e as LineApiException ?? new LineApiException("The channel access token could not be issued.", e);
            lock (_gate)
            {
                _flight = null;
                _nextAttemptUtcTicks = (_timeProvider.GetUtcNow() + _retryAfterFailure).UtcTicks;
            }

            LogFailed(_logger, failure.StatusCode == default ? null : (int)failure.StatusCode, failure.RequestId);
            completion.SetException(failure);
        }
    }

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "LINE channel access token issued, valid until {ExpiresAt:O}")]
    private static partial void LogIssued(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "LINE channel access token could not be issued (HTTP status {Status}, request id {RequestId})")]
    private static partial void LogFailed(ILogger logger, int? status, string? requestId);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "LINE channel access token invalidated; the next request issues a new one")]
    private static partial void LogInvalidated(ILogger logger);

    private sealed record Entry(IssuedChannelAccessToken Token, DateTimeOffset RefreshAt);
}
