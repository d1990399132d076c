namespace LineGov.Messaging.Testing.Internal;

/// <summary>The endpoints served, by the OpenAPI operationId, with the pipeline's rules for each.</summary>
internal sealed partial class EmulatorEngine
{
    public IReadOnlyList<(EmulatorOperation Operation, Func<EmulatorCall, ValueTask<EmulatorResponse>> Handler)> Routes() =>
    [
        // Messages (messaging-api.yml).
        (new("replyMessage", "POST", "/v2/bot/message/reply", Body: BodyKind.Json), ReplyAsync),
        (new("pushMessage", "POST", "/v2/bot/message/push", Body: BodyKind.Json, TakesRetryKey: true), PushAsync),
        (new("multicast", "POST", "/v2/bot/message/multicast", RateGroup.Multicast, BodyKind.Json, TakesRetryKey: true), MulticastAsync),
        (new("narrowcast", "POST", "/v2/bot/message/narrowcast", RateGroup.Narrowcast, BodyKind.Json, TakesRetryKey: true), NarrowcastAsync),
        (new("getNarrowcastProgress", "GET", "/v2/bot/message/progress/narrowcast"), NarrowcastProgressAsync),
        (new("broadcast", "POST", "/v2/bot/message/broadcast", RateGroup.Broadcast, BodyKind.Json, TakesRetryKey: true), BroadcastAsync),
        (new("validateReply", "POST", "/v2/bot/message/validate/reply", Body: BodyKind.Json), ValidateMessagesAsync),
        (new("validatePush", "POST", "/v2/bot/message/validate/push", Body: BodyKind.Json), ValidateMessagesAsync),
        (new("validateMulticast", "POST", "/v2/bot/message/validate/multicast", Body: BodyKind.Json), ValidateMessagesAsync),
        (new("validateNarrowcast", "POST", "/v2/bot/message/validate/narrowcast", Body: BodyKind.Json), ValidateMessagesAsync),
        (new("validateBroadcast", "POST", "/v2/bot/message/validate/broadcast", Body: BodyKind.Json), ValidateMessagesAsync),
        (new("getMessageQuota", "GET", "/v2/bot/message/quota"), QuotaAsync),
        (new("getMessageQuotaConsumption", "GET", "/v2/bot/message/quota/consumption"), QuotaConsumptionAsync),
        (new("getMessageContent", "GET", "/v2/bot/message/{messageId}/content", DataHost: true), ContentAsync),
        (new("getMessageContentPreview", "GET", "/v2/bot/message/{messageId}/content/preview", DataHost: true), ContentAsync),
        (new("getMessageContentTranscodingByMessageId", "GET", "/v2/bot/message/{messageId}/content/transcoding", DataHost: true), ContentTranscodingAsync),
        (new("markMessagesAsRead", "POST", "/v2/bot/message/markAsRead", Body: BodyKind.Json), MarkAsReadAsync),
        (new("showLoadingAnimation", "POST", "/v2/bot/chat/loading/start", Body: BodyKind.Json), LoadingAnimationAsync),
        (new("markMessagesAsReadByToken", "POST", "/v2/bot/chat/markAsRead", Body: BodyKind.Json), MarkAsReadByTokenAsync),

        // Users and the bot.
        (new("getProfile", "GET", "/v2/bot/profile/{userId}"), ProfileAsync),
        (new("getFollowers", "GET", "/v2/bot/followers/ids"), FollowersAsync),
        (new("getBotInfo", "GET", "/v2/bot/info"), BotInfoAsync),

        // Rich menus.
        (new("createRichMenu", "POST", "/v2/bot/richmenu", RateGroup.RichMenuWrite, BodyKind.Json), CreateRichMenuAsync),
        (new("validateRichMenuObject", "POST", "/v2/bot/richmenu/validate", Body: BodyKind.Json), ValidateRichMenuAsync),
        (new("getRichMenuList", "GET", "/v2/bot/richmenu/list"), ListRichMenusAsync),
        (new("getRichMenu", "GET", "/v2/bot/richmenu/{richMenuId}"), GetRichMenuAsync),
        (new("deleteRichMenu", "DELETE", "/v2/bot/richmenu/{richMenuId}", RateGroup.RichMenuWrite), DeleteRichMenuAsync),
        (new("setRichMenuImage", "POST", "/v2/bot/richmenu/{richMenuId}/content", Body: BodyKind.Binary, DataHost: true), UploadRichMenuImageAsync),
        (new("getRichMenuImage", "GET", "/v2/bot/richmenu/{richMenuId}/content", DataHost: true), DownloadRichMenuImageAsync),
        (new("setDefaultRichMenu", "POST", "/v2/bot/user/all/richmenu/{richMenuId}"), SetDefaultRichMenuAsync),
        (new("getDefaultRichMenuId", "GET", "/v2/bot/user/all/richmenu"), GetDefaultRichMenuAsync),
        (new("cancelDefaultRichMenu", "DELETE", "/v2/bot/user/all/richmenu"), CancelDefaultRichMenuAsync),
        (new("linkRichMenuIdToUser", "POST", "/v2/bot/user/{userId}/richmenu/{richMenuId}"), LinkRichMenuAsync),
        (new("getRichMenuIdOfUser", "GET", "/v2/bot/user/{userId}/richmenu"), GetUserRichMenuAsync),
        (new("unlinkRichMenuIdFromUser", "DELETE", "/v2/bot/user/{userId}/richmenu"), UnlinkRichMenuAsync),
        (new("linkRichMenuIdToUsers", "POST", "/v2/bot/richmenu/bulk/link", Body: BodyKind.Json), BulkLinkRichMenuAsync),
        (new("unlinkRichMenuIdFromUsers", "POST", "/v2/bot/richmenu/bulk/unlink", Body: BodyKind.Json), BulkUnlinkRichMenuAsync),
        (new("createRichMenuAlias", "POST", "/v2/bot/richmenu/alias", Body: BodyKind.Json), CreateRichMenuAliasAsync),
        (new("getRichMenuAliasList", "GET", "/v2/bot/richmenu/alias/list"), ListRichMenuAliasesAsync),
        (new("getRichMenuAlias", "GET", "/v2/bot/richmenu/alias/{richMenuAliasId}"), GetRichMenuAliasAsync),
        (new("updateRichMenuAlias", "POST", "/v2/bot/richmenu/alias/{richMenuAliasId}", Body: BodyKind.Json), UpdateRichMenuAliasAsync),
        (new("deleteRichMenuAlias", "DELETE", "/v2/bot/richmenu/alias/{richMenuAliasId}"), DeleteRichMenuAliasAsync),

        // Audiences (manage-audience.yml).
        (new("createAudienceGroup", "POST", "/v2/bot/audienceGroup/upload", RateGroup.Audience, BodyKind.Json), CreateAudienceAsync),
        (new("addAudienceToAudienceGroup", "PUT", "/v2/bot/audienceGroup/upload", RateGroup.Audience, BodyKind.Json), AddToAudienceAsync),
        (new("createAudienceForUploadingUserIds", "POST", "/v2/bot/audienceGroup/upload/byFile", RateGroup.Audience, BodyKind.Multipart, DataHost: true),
            CreateAudienceByFileAsync),
        (new("addUserIdsToAudience", "PUT", "/v2/bot/audienceGroup/upload/byFile", RateGroup.Audience, BodyKind.Multipart, DataHost: true),
            AddToAudienceByFileAsync),
        (new("getAudienceGroups", "GET", "/v2/bot/audienceGroup/list"), ListAudiencesAsync),
        (new("getAudienceData", "GET", "/v2/bot/audienceGroup/{audienceGroupId}"), GetAudienceAsync),
        (new("deleteAudienceGroup", "DELETE", "/v2/bot/audienceGroup/{audienceGroupId}"), DeleteAudienceAsync),

        // Channel access tokens (channel-access-token.yml): no bearer token needed.
        (new("issueChannelToken", "POST", "/v2/oauth/accessToken", Body: BodyKind.Form, RequiresAuth: false), IssueShortLivedTokenAsync),
        (new("verifyChannelToken", "POST", "/v2/oauth/verify", Body: BodyKind.Form, RequiresAuth: false), VerifyTokenAsync),
        (new("revokeChannelToken", "POST", "/v2/oauth/revoke", Body: BodyKind.Form, RequiresAuth: false), RevokeTokenAsync),
        (new("issueStatelessChannelToken", "POST", "/oauth2/v3/token", Body: BodyKind.Form, RequiresAuth: false), IssueStatelessTokenAsync),
        (new("issueChannelTokenByJWT", "POST", "/oauth2/v2.1/token", Body: BodyKind.Form, RequiresAuth: false), IssueTokenByJwtAsync),
        (new("verifyChannelTokenByJWT", "GET", "/oauth2/v2.1/verify", RequiresAuth: false), VerifyTokenAsync),
        (new("revokeChannelTokenByJWT", "POST", "/oauth2/v2.1/revoke", Body: BodyKind.Form, RequiresAuth: false), RevokeTokenAsync),
        (new("getsAllValidChannelAccessTokenKeyIds", "GET", "/oauth2/v2.1/tokens/kid", RequiresAuth: false), TokenKeyIdsAsync),
    ];
}
