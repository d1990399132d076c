using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using LineGov.Samples.Municipality.Staff.Dev;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace LineGov.Samples.Municipality.Staff;

/// <summary>
/// The staff side under /staff: login, dashboard, review queue, counter applications, payouts.
/// Cookie authentication with its own named scheme, authorization only on the /staff group (the webhook, the LIFF
/// page and its API stay anonymous), anti-forgery tokens on every form.
/// </summary>
/// <remarks>
/// Configuration: <c>Municipality:Staff:Users</c> (the logins; defaults reviewer / approver) and
/// <c>Municipality:Staff:DevFakes</c> (true: replace the application and payout desks with in-memory fakes, to look at
/// the pages without the core; a development aid only).
/// </remarks>
internal static partial class StaffSide
{
    /// <summary>The configuration key that turns the development fakes on.</summary>
    public const string DevFakesKey = "Municipality:Staff:DevFakes";

    private const string Html = "text/html; charset=utf-8";
    private const string NonceKey = "LineGov.Staff.Nonce";
    private const string FlashCookie = "LineGov.Staff.Flash";
    private const int MaxSelected = 10_000;

    public static IServiceCollection AddStaffSide(this IServiceCollection services, IConfiguration configuration, MunicipalityOptions options)
    {
        services.AddSingleton(new StaffAuth(options));
        services.AddAntiforgery();

        // "Select all" on a town's review queue posts thousands of checkboxes: ASP.NET's default of 1,024 form values
        // would turn bulk approval into an error page.
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form => form.ValueCountLimit = MaxSelected + 16);

        // No default scheme: only endpoints whose policy names this scheme authenticate with the staff cookie.
        services.AddAuthentication().AddCookie(StaffAuth.Scheme, cookie =>
        {
            cookie.Cookie.Name = "LineGov.Staff";
            cookie.Cookie.Path = "/staff";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/staff/login";
            cookie.LogoutPath = "/staff/logout";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToAccessDenied = ForbiddenAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffAuth.ReviewerPolicy, policy => policy.AddAuthenticationSchemes(StaffAuth.Scheme).RequireAuthenticatedUser()
                .RequireRole(StaffAuth.ReviewerRole, StaffAuth.ApproverRole))
            .AddPolicy(StaffAuth.ApproverPolicy, policy => policy.AddAuthenticationSchemes(StaffAuth.Scheme).RequireAuthenticatedUser()
                .RequireRole(StaffAuth.ApproverRole));

        if (configuration.GetValue<bool>(DevFakesKey))
        {
            // Registered after the core's desks, so these win; only ever on explicit request.
            services.AddSingleton(sp => new DevFakeDesks(sp.GetService<TimeProvider>()));
            services.AddSingleton<IApplicationDesk>(sp => sp.GetRequiredService<DevFakeDesks>());
            services.AddSingleton<IPayoutDesk>(sp => sp.GetRequiredService<DevFakeDesks>());
        }

        return services;
    }

    public static WebApplication MapStaffSide(this WebApplication app)
    {
        // Security headers and the CSP nonce for the staff pages; then authentication and authorization (explicit, so
        // the 403 page rendered by the cookie handler gets the headers too).
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/staff", StringComparison.OrdinalIgnoreCase))
            {
                var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
                context.Items[NonceKey] = nonce;
                var headers = context.Response.Headers;
                headers.CacheControl = "no-store";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            }

            await next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/staff/login", LoginPage).AllowAnonymous();
        app.MapPost("/staff/login", LoginAsync).AllowAnonymous();

        var staff = app.MapGroup("/staff").RequireAuthorization(StaffAuth.ReviewerPolicy);
        staff.MapPost("/logout", LogoutAsync);
        staff.MapGet("", DashboardAsync);
        staff.MapGet("/review", ReviewAsync);
        staff.MapPost("/review/approve", ApproveAsync).RequireAuthorization(StaffAuth.ApproverPolicy);
        staff.MapGet("/counter", CounterPage);
        staff.MapPost("/counter", CounterAsync);
        staff.MapGet("/payouts", PayoutsAsync).RequireAuthorization(StaffAuth.ApproverPolicy);
        staff.MapPost("/payouts/points", (HttpContext context, IPayoutDesk payouts, ILoggerFactory loggers) => RunPayoutAsync(context, payouts, loggers, zengin: false))
            .RequireAuthorization(StaffAuth.ApproverPolicy);
        staff.MapPost("/payouts/zengin", (HttpContext context, IPayoutDesk payouts, ILoggerFactory loggers) => RunPayoutAsync(context, payouts, loggers, zengin: true))
            .RequireAuthorization(StaffAuth.ApproverPolicy);
        staff.MapGet("/payouts/files/{name}", DownloadZengin).RequireAuthorization(StaffAuth.ApproverPolicy);
        return app;
    }

    private static IResult LoginPage(HttpContext context) =>
        Results.Content(StaffPages.Login(PageContext(context), SafeReturnUrl(context.Request.Query["ReturnUrl"]), failed: false), Html);

    private static async Task<IResult> LoginAsync(HttpContext context, StaffAuth auth, ILoggerFactory loggers)
    {
        if (!await IsValidFormAsync(context))
        {
            return BadForm(context);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = SafeReturnUrl(form["ReturnUrl"]);
        var principal = auth.SignIn(form["username"], form["password"]);
        if (principal is null)
        {
            var failedLogger = Logger(loggers);
            LogLoginFailed(failedLogger);
            return Results.Content(StaffPages.Login(PageContext(context), returnUrl, failed: true), Html);
        }

        await context.SignInAsync(StaffAuth.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        var logger = Logger(loggers);
        var staffId = StaffId(principal);
        LogLoggedIn(logger, staffId);
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!await IsValidFormAsync(context))
        {
            return BadForm(context);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await context.SignOutAsync(StaffAuth.Scheme);
        return Results.Redirect("/staff/login");
    }

    private static async Task<IResult> DashboardAsync(HttpContext context, IApplicationDesk applications, IPayoutDesk payouts)
    {
        var all = await applications.AllAsync(context.RequestAborted);
        var summary = await payouts.SummaryAsync(context.RequestAborted);
        var now = (context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        return Results.Content(StaffPages.Dashboard(PageContext(context), all, summary, now), Html);
    }

    private static async Task<IResult> ReviewAsync(HttpContext context, IApplicationDesk applications)
    {
        var queue = await applications.ReviewQueueAsync(context.RequestAborted);
        var flash = TakeFlash(context);
        return Results.Content(StaffPages.Review(PageContext(context), queue, flash), Html);
    }

    private static async Task<IResult> ApproveAsync(HttpContext context, IApplicationDesk applications, ILoggerFactory loggers)
    {
        if (!await IsValidFormAsync(context))
        {
            return BadForm(context);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var selected = form["selected"].OfType<string>().Select(id => id.Trim()).Where(id => id.Length is > 0 and <= 200).Distinct(StringComparer.Ordinal).Take(MaxSelected).ToList();
        if (selected.Count == 0)
        {
            SetFlash(context, "承認する申請を選んでください。");
            return Results.Redirect("/staff/review");
        }

        var staffId = StaffId(context.User);
        var logger = Logger(loggers);
        var approved = await applications.ApproveAsync(selected, staffId, context.RequestAborted);
        var count = selected.Count;
        LogApproved(logger, staffId, approved, count);
        SetFlash(context, approved == selected.Count
            ? $"{approved.ToString(CultureInfo.InvariantCulture)}件を承認しました。"
            : $"{approved.ToString(CultureInfo.InvariantCulture)}件を承認しました（{(selected.Count - approved).ToString(CultureInfo.InvariantCulture)}件は承認済みなどのため対象外でした）。");
        return Results.Redirect("/staff/review");
    }

    private static IResult CounterPage(HttpContext context) =>
        Results.Content(StaffPages.Counter(PageContext(context), CounterForm.Empty, new Dictionary<string, string>(), null), Html);

    private static async Task<IResult> CounterAsync(HttpContext context, IApplicationDesk applications, ILoggerFactory loggers)
    {
        if (!await IsValidFormAsync(context))
        {
            return BadForm(context);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var entered = new CounterForm(
            form["familyName"].ToString().Trim(),
            form["givenName"].ToString().Trim(),
            form["dateOfBirth"].ToString().Trim(),
            form["gender"].ToString().Trim(),
            form["address"].ToString().Trim());
        var today = DateOnly.FromDateTime(StaffText.ToJst((context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow()).DateTime);
        var (application, errors) = CounterValidation.Validate(entered, today);
        if (application is null)
        {
            return Results.Content(StaffPages.Counter(PageContext(context), entered, errors, null), Html, statusCode: StatusCodes.Status400BadRequest);
        }

        var staffId = StaffId(context.User);
        var logger = Logger(loggers);
        ApplyResponse result;
        try
        {
            result = await applications.ApplyAtCounterAsync(application, staffId, context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The exception's type only: its message might carry what was entered.
            var exceptionType = exception.GetType().Name;
            LogCounterFailed(logger, staffId, exceptionType);
            result = new ApplyResponse(string.Empty, "error", "申請を処理できませんでした。入力内容はそのままです。時間をおいてもう一度お試しください。");
        }

        var status = result.Status;
        LogCounterApplied(logger, staffId, status);
        var shown = result.Status == "error" ? entered : CounterForm.Empty;
        return Results.Content(StaffPages.Counter(PageContext(context), shown, new Dictionary<string, string>(), result), Html);
    }

    private static async Task<IResult> PayoutsAsync(HttpContext context, IPayoutDesk payouts)
    {
        var summary = await payouts.SummaryAsync(context.RequestAborted);
        return Results.Content(StaffPages.Payouts(PageContext(context), summary, null, null), Html);
    }

    private static async Task<IResult> RunPayoutAsync(HttpContext context, IPayoutDesk payouts, ILoggerFactory loggers, bool zengin)
    {
        if (!await IsValidFormAsync(context))
        {
            return BadForm(context);
        }

        var logger = Logger(loggers);
        var staffId = StaffId(context.User);
        PayoutRunView? run = null;
        string? error = null;
        try
        {
            run = zengin ? await payouts.RunZenginAsync(staffId, context.RequestAborted) : await payouts.RunPointsAsync(staffId, context.RequestAborted);
            var (runId, channel, issued, failed) = (run.RunId, run.Channel, run.Issued, run.Failed);
            LogPayoutRun(logger, staffId, runId, channel, issued, failed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var channel = zengin ? "zengin" : "points";
            var exceptionType = exception.GetType().Name;
            LogPayoutFailed(logger, staffId, channel, exceptionType);
            error = "支払の処理を完了できませんでした。もう一度実行すると、支払済みの世帯を除いて続きから処理します。";
        }

        var summary = await payouts.SummaryAsync(context.RequestAborted);
        return Results.Content(StaffPages.Payouts(PageContext(context), summary, run, error), Html);
    }

    private static IResult DownloadZengin(string name, IPayoutDesk payouts)
    {
        if (!IsPlainFileName(name))
        {
            return Results.NotFound();
        }

        var path = payouts.ZenginFile(name);
        if (path is null || !File.Exists(path))
        {
            return Results.NotFound();
        }

        return Results.File(path, "application/octet-stream", name);
    }

    /// <summary>True for a bare file name: no directory part, no "..", no control or reserved characters.</summary>
    internal static bool IsPlainFileName(string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.Length <= 200
        && !name.StartsWith('.')
        && name.IndexOfAny(['/', '\\', ':', '\0']) < 0
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && !name.Any(char.IsControl)
        && string.Equals(Path.GetFileName(name), name, StringComparison.Ordinal);

    /// <summary>A local /staff address to go back to after login; anything else becomes /staff.</summary>
    internal static string SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 2000 || !returnUrl.StartsWith("/staff", StringComparison.Ordinal)
            || returnUrl.Contains('\\', StringComparison.Ordinal) || returnUrl.Any(char.IsControl))
        {
            return "/staff";
        }

        var path = returnUrl.Split('?', '#')[0];
        return path == "/staff" || path.StartsWith("/staff/", StringComparison.Ordinal) ? returnUrl : "/staff";
    }

    private static async Task<bool> IsValidFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return false;
        }

        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(context);
    }

    private static IResult BadForm(HttpContext context) =>
        Results.Content(
            StaffPages.Message(PageContext(context), "送信できませんでした", "フォームの有効期限が切れたか、正しくない送信です。ページを開き直してから、もう一度操作してください。"),
            Html,
            statusCode: StatusCodes.Status400BadRequest);

    private static async Task ForbiddenAsync(RedirectContext<CookieAuthenticationOptions> redirect)
    {
        var context = redirect.HttpContext;
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = Html;
        await context.Response.WriteAsync(
            StaffPages.Message(PageContext(context), "権限がありません", "この操作は承認者のみが行えます。承認者のアカウントでログインしてください。"),
            context.RequestAborted);
    }

    private static StaffPageContext PageContext(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var field = $"<input type=\"hidden\" name=\"{StaffHtml.Encode(tokens.FormFieldName)}\" value=\"{StaffHtml.Encode(tokens.RequestToken)}\">";
        var nonce = context.Items[NonceKey] as string ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var user = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        return new StaffPageContext(user, context.User.IsInRole(StaffAuth.ApproverRole), field, nonce);
    }

    private static string StaffId(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static void SetFlash(HttpContext context, string message) =>
        context.Response.Cookies.Append(FlashCookie, Uri.EscapeDataString(message), new CookieOptions
        {
            Path = "/staff",
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromMinutes(5),
        });

    private static string? TakeFlash(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(FlashCookie, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        context.Response.Cookies.Delete(FlashCookie, new CookieOptions { Path = "/staff" });
        var message = Uri.UnescapeDataString(value);
        return message.Length <= 300 ? message : null;
    }

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger("LineGov.Samples.Municipality.Staff");

    // Staff ids, counts and codes only: never what residents entered.
    [LoggerMessage(Level = LogLevel.Information, Message = "Staff login failed")]
    private static partial void LogLoginFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff {StaffId} logged in")]
    private static partial void LogLoggedIn(ILogger logger, string staffId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff {StaffId} approved {Approved} of {Selected} applications")]
    private static partial void LogApproved(ILogger logger, string staffId, int approved, int selected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff {StaffId} entered a counter application: {Status}")]
    private static partial void LogCounterApplied(ILogger logger, string staffId, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Counter application by staff {StaffId} failed ({ExceptionType})")]
    private static partial void LogCounterFailed(ILogger logger, string staffId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff {StaffId} ran payout {RunId} ({Channel}): {Issued} issued, {Failed} failed")]
    private static partial void LogPayoutRun(ILogger logger, string staffId, string runId, string channel, int issued, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payout run ({Channel}) by staff {StaffId} failed ({ExceptionType})")]
    private static partial void LogPayoutFailed(ILogger logger, string staffId, string channel, string exceptionType);
}
