using LineGov.Eligibility;
using LineGov.Messaging;
using LineGov.Messaging.Webhooks;
using LineGov.Samples.Municipality.Infrastructure;

namespace LineGov.Samples.Municipality.Resident;

/// <summary>
/// What the official account does with LINE events: follow → greeting and the rich menu (物価高騰支援 / 申請状況 /
/// お問い合わせ); 申請状況 (postback <c>action=status</c> or the text) → the application's state; お問い合わせ → contact;
/// anything else → a short help.
/// </summary>
internal sealed class ResidentLineHandler(
    BenefitProgram program,
    ApplicationService applications,
    LineMessagingClient line,
    LineNotifier notifier,
    SampleHost host,
    ILogger<ResidentLineHandler> logger)
{
    private readonly SemaphoreSlim _menuGate = new(1, 1);
    private string? _richMenuId;

    public async Task HandleAsync(LineWebhookEvent e, CancellationToken cancellationToken)
    {
        if (e.Source?.UserId is not { } user)
        {
            return;
        }

        switch (e)
        {
            case FollowEvent:
                await notifier.ReplyOrPushAsync(e.ReplyToken, user, ResidentMessages.Greeting(program), cancellationToken);
                await LinkMenuAsync(user, cancellationToken);
                break;
            case PostbackEvent { Postback.Data: var data } when data.Contains("action=status", StringComparison.Ordinal):
                await notifier.ReplyOrPushAsync(e.ReplyToken, user, await applications.StatusTextAsync(user, cancellationToken), cancellationToken);
                break;
            case PostbackEvent { Postback.Data: var data } when data.Contains("action=contact", StringComparison.Ordinal):
                await notifier.ReplyOrPushAsync(e.ReplyToken, user, ResidentMessages.ContactText(program), cancellationToken);
                break;
            case MessageEvent { Message: TextMessageContent text }:
                var said = text.Text.Trim();
                var answer = said switch
                {
                    _ when said.Contains("申請状況", StringComparison.Ordinal) || said.Contains("状況", StringComparison.Ordinal) => await applications.StatusTextAsync(user, cancellationToken),
                    _ when said.Contains("問い合わせ", StringComparison.Ordinal) || said.Contains("問合せ", StringComparison.Ordinal) => ResidentMessages.ContactText(program),
                    _ when said.Contains("物価高騰", StringComparison.Ordinal) || said.Contains("申請", StringComparison.Ordinal) =>
                        $"{program.Name}は、こちらからマイナンバーカードで申請できます。\n{host.ApplyUri}",
                    _ => ResidentMessages.Help(),
                };
                await notifier.ReplyOrPushAsync(e.ReplyToken, user, answer, cancellationToken);
                break;
            case UnfollowEvent:
                break;
            default:
                if (e.ReplyToken is not null && e is MessageEvent)
                {
                    await notifier.ReplyOrPushAsync(e.ReplyToken, user, ResidentMessages.Help(), cancellationToken);
                }

                break;
        }
    }

    private async Task LinkMenuAsync(string user, CancellationToken cancellationToken)
    {
        try
        {
            var menu = await RichMenuAsync(cancellationToken);
            await line.LinkRichMenuToUserAsync(user, menu, cancellationToken);
        }
        catch (LineApiException ex)
        {
            logger.LogWarning("Rich menu not linked: {Status} {RequestId}", ex.StatusCode, ex.RequestId);
        }
    }

    /// <summary>The menu, created once (with its picture) the first time someone follows.</summary>
    private async Task<string> RichMenuAsync(CancellationToken cancellationToken)
    {
        if (_richMenuId is { } id)
        {
            return id;
        }

        await _menuGate.WaitAsync(cancellationToken);
        try
        {
            if (_richMenuId is { } created)
            {
                return created;
            }

            const int third = RichMenuImage.Width / 3;
            var request = new RichMenuRequest(
                new RichMenuSize(RichMenuImage.Width, RichMenuImage.Height),
                true,
                "当麻町 物価高騰支援",
                "メニュー",
                new RichMenuArea(new RichMenuBounds(0, 0, third, RichMenuImage.Height), new UriAction("物価高騰支援", host.ApplyUri)),
                new RichMenuArea(new RichMenuBounds(third, 0, third, RichMenuImage.Height), new PostbackAction("申請状況", "action=status") { DisplayText = "申請状況" }),
                new RichMenuArea(new RichMenuBounds(2 * third, 0, RichMenuImage.Width - (2 * third), RichMenuImage.Height), new MessageAction("お問い合わせ", "お問い合わせ")));
            var menuId = await line.CreateRichMenuAsync(request, cancellationToken);
            using var image = new MemoryStream(RichMenuImage.CreatePng());
            await line.UploadRichMenuImageAsync(menuId, image, "image/png", cancellationToken);
            _richMenuId = menuId;
            return menuId;
        }
        finally
        {
            _menuGate.Release();
        }
    }
}
