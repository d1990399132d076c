using Microsoft.Extensions.Logging;

namespace LineGov.Messaging;

public partial class LineMessagingClient
{
    /// <summary>Log lines carry the endpoint template, status and request ID only: never tokens, IDs in paths or message contents.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "LINE {Endpoint} answered {Status} (x-line-request-id {RequestId})")]
        public static partial void Answered(ILogger logger, string endpoint, int status, string? requestId);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "LINE {Endpoint} failed with {Status} (x-line-request-id {RequestId})")]
        public static partial void Failed(ILogger logger, string endpoint, int status, string? requestId);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "LINE refused the channel access token on {Endpoint} (x-line-request-id {RequestId}); the provider was told to renew it")]
        public static partial void TokenRefused(ILogger logger, string endpoint, string? requestId);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "LINE {Endpoint} had already accepted this retry key as request {AcceptedRequestId} (x-line-request-id {RequestId})")]
        public static partial void AlreadyAccepted(ILogger logger, string endpoint, string? acceptedRequestId, string? requestId);
    }
}
