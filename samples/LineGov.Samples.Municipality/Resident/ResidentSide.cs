using System.Text.Json;
using LineGov.Eligibility;
using LineGov.Samples.Municipality.Infrastructure;

namespace LineGov.Samples.Municipality.Resident;

/// <summary>The resident side: the front page, the LINE webhook, the LIFF application page and its API, the simulator page.</summary>
internal static class ResidentSide
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static IServiceCollection AddResidentSide(this IServiceCollection services, MunicipalityOptions options)
    {
        _ = options;
        services.AddSingleton<ResidentLineHandler>();
        return services;
    }

    public static WebApplication MapResidentSide(this WebApplication app)
    {
        app.MapGet("/", (BenefitProgram program, SampleHost host) => Html(ResidentPages.Front(program, host)));

        app.MapLineWebhook("/webhook", async (delivery, cancellationToken) =>
        {
            var handler = delivery.Services.GetRequiredService<ResidentLineHandler>();
            var tracker = delivery.Services.GetRequiredService<WebhookTracker>();
            foreach (var e in delivery.Events)
            {
                try
                {
                    await handler.HandleAsync(e, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One event's failure (LINE unreachable, a database error) must not drop the others of the
                    // delivery: log the kind only (no user id, no text) and go on.
                    delivery.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LineGov.Samples.Municipality.Webhook")
                        .LogWarning("Webhook event {EventType} failed: {Error}", e.Type, exception.GetType().Name);
                }
                finally
                {
                    tracker.Handled(e.WebhookEventId);
                }
            }
        });

        app.MapGet("/liff/apply", (HttpContext context, BenefitProgram program, SampleHost host, MunicipalityOptions options) =>
        {
            var resident = context.Request.Query["resident"].ToString();
            var user = context.Request.Query["user"].ToString();
            string? idToken = null;
            if (host.IsEmulator && options.Jpki.IsTestAuthority && IsLineUserId(user))
            {
                // Emulator mode: the server hands the page the ID token LINE would give the LIFF app for this user.
                idToken = context.RequestServices.GetRequiredService<MunicipalitySimulator>().IdTokenFor(user);
            }

            return Html(ResidentPages.Apply(program, host, resident, user, idToken));
        });

        app.MapPost("/api/applications/challenge", async (ApplicationService applications, CancellationToken cancellationToken) =>
        {
            try
            {
                var challenge = await applications.IssueChallengeAsync(cancellationToken);
                return Results.Json(new ChallengeResponse(challenge.Id, Convert.ToBase64String(challenge.Nonce.Span), challenge.ExpiresAt), Json);
            }
            catch (InvalidOperationException)
            {
                // The challenge store is full (a flood of unused challenges): a clear "try later", not a 500.
                return Results.Json(new ErrorResponse("ただいま混み合っています。しばらくしてからもう一度お試しください。"), Json, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

        app.MapPost("/api/applications", async (HttpContext context, ApplicationService applications, CancellationToken cancellationToken) =>
        {
            SignedApplicationBody? body;
            try
            {
                body = await context.Request.ReadFromJsonAsync<SignedApplicationBody>(Json, cancellationToken);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
            {
                return Results.Json(new ErrorResponse("申請の内容を読み取れませんでした。もう一度お試しください。"), Json, statusCode: StatusCodes.Status400BadRequest);
            }

            if (body is null)
            {
                return Results.Json(new ErrorResponse("申請の内容がありません。"), Json, statusCode: StatusCodes.Status400BadRequest);
            }

            try
            {
                return Results.Json(await applications.ApplyFromLineAsync(body, cancellationToken), Json);
            }
            catch (ApplicationRejectedException e)
            {
                return Results.Json(new ErrorResponse(e.Message), Json, statusCode: StatusCodes.Status400BadRequest);
            }
        });

        app.MapPost("/api/simulator/sign", async (HttpContext context, SampleHost host, MunicipalityOptions options, CancellationToken cancellationToken) =>
        {
            if (!host.IsEmulator || !options.Jpki.IsTestAuthority || context.RequestServices.GetService<MunicipalitySimulator>() is not EmulatorSimulator simulator)
            {
                return Results.NotFound();
            }

            SimulatorSignRequest? body;
            try
            {
                body = await context.Request.ReadFromJsonAsync<SimulatorSignRequest>(Json, cancellationToken);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
            {
                body = null;
            }

            byte[] nonce;
            try
            {
                nonce = Convert.FromBase64String(body?.Challenge ?? string.Empty);
            }
            catch (FormatException)
            {
                nonce = [];
            }

            if (body?.ResidentId is not { Length: > 0 } residentId || body.ChallengeId is not { Length: > 0 } challengeId || nonce.Length == 0)
            {
                return Results.Json(new ErrorResponse("residentId, challengeId and challenge (base64) are required."), Json, statusCode: StatusCodes.Status400BadRequest);
            }

            var signed = simulator.Sign(residentId, challengeId, nonce);
            return signed is null
                ? Results.Json(new ErrorResponse("No simulated card for this resident."), Json, statusCode: StatusCodes.Status404NotFound)
                : Results.Json(signed, Json);
        });

        app.MapGet("/simulator", (HttpContext context, SampleHost host, BenefitProgram program) =>
        {
            if (!host.IsEmulator || context.RequestServices.GetService<MunicipalitySimulator>() is not EmulatorSimulator simulator)
            {
                return Results.NotFound();
            }

            var user = context.Request.Query["user"].ToString();
            var inbox = IsLineUserId(user) ? context.RequestServices.GetRequiredService<LineSetup>().Emulator?.InboxOf(user) : null;
            return Html(ResidentPages.Simulator(program, simulator.People, IsLineUserId(user) ? user : null, inbox, context.Request.Query["done"].ToString()));
        });

        app.MapPost("/simulator/follow", (HttpContext context, CancellationToken cancellationToken) => SimulateAsync(context, "follow", (s, u) => s.FollowAsync(u, cancellationToken)));
        app.MapPost("/simulator/status", (HttpContext context, CancellationToken cancellationToken) => SimulateAsync(context, "status", (s, u) => s.PostbackAsync(u, "action=status", cancellationToken)));
        app.MapPost("/simulator/contact", (HttpContext context, CancellationToken cancellationToken) => SimulateAsync(context, "contact", (s, u) => s.SendTextAsync(u, "お問い合わせ", cancellationToken)));
        return app;
    }

    private static async Task<IResult> SimulateAsync(HttpContext context, string what, Func<MunicipalitySimulator, string, Task> act)
    {
        var host = context.RequestServices.GetRequiredService<SampleHost>();
        var user = context.Request.Query["user"].ToString();
        if (!host.IsEmulator || !IsLineUserId(user))
        {
            return Results.NotFound();
        }

        await act(context.RequestServices.GetRequiredService<MunicipalitySimulator>(), user);
        return Results.Redirect($"/simulator?user={Uri.EscapeDataString(user)}&done={what}#inbox");
    }

    /// <summary>LINE user ids are U + 32 hex digits; anything else never reaches a page or a token.</summary>
    private static bool IsLineUserId(string? value) =>
        value is { Length: 33 } && value[0] == 'U' && !value.AsSpan(1).ContainsAnyExcept(LowerHex);

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");
}
