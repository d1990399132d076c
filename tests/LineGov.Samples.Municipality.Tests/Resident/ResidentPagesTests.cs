using System.Net;
using System.Net.Http.Json;
using LineGov.Samples.Municipality.Tests.Infrastructure;

namespace LineGov.Samples.Municipality.Tests.Resident;

/// <summary>The resident side over HTTP: the front page, the LIFF page, the JSON API's answers to bad requests.</summary>
public sealed class ResidentPagesTests
{
    [SampleFact]
    public async Task Front_page_explains_the_service_in_Japanese_and_links_to_the_application()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var html = await host.Http.GetStringAsync(new Uri("/", UriKind.Relative));
        Inbox.IsJapanese(html).ShouldBeTrue();
        HtmlForm.AttributeOf(html, "apply-link", "href").ShouldNotBeNull().ShouldContain("/liff/apply");
        html.ShouldNotContain("cdn", Case.Insensitive);
    }

    [SampleFact]
    public async Task LIFF_page_has_the_apply_button_and_the_result_element_and_loads_nothing_from_elsewhere()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var resident = host.App.Simulator.Ordinary();
        var html = await host.Http.GetStringAsync(new Uri($"/liff/apply?resident={resident.ResidentId}&user={resident.LineUserId}", UriKind.Relative));
        HtmlForm.HasElement(html, "apply").ShouldBeTrue();
        HtmlForm.HasElement(html, "result").ShouldBeTrue();
        html.ShouldNotContain("src=\"http", Case.Insensitive);
        html.ShouldNotContain("href=\"http", Case.Insensitive);
    }

    [SampleFact]
    public async Task Challenge_signature_and_token_make_an_application_over_the_JSON_API()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var api = new ApplicationApi(host.Http);
        var resident = host.App.Simulator.Ordinary();

        var challenge = await api.ChallengeAsync();
        challenge.ChallengeId.ShouldNotBeNullOrEmpty();
        Convert.FromBase64String(challenge.Challenge).Length.ShouldBeGreaterThanOrEqualTo(16);
        challenge.ExpiresAt.ShouldBeGreaterThan(TestHost.Now);
        var signed = await api.SignAsync(resident.ResidentId, challenge);
        signed.Format.ShouldBeOneOf("raw", "cms");

        var (status, answer, _) = await api.ApplyAsync(new ApplyRequest(host.App.Simulator.IdTokenFor(resident.LineUserId), challenge.ChallengeId, signed.Signature, signed.Certificate, signed.Format));
        status.ShouldBe(200);
        answer.ShouldNotBeNull().Status.ShouldBe(Statuses.Received);
        answer.ApplicationId.ShouldNotBeNullOrEmpty();
        Inbox.IsJapanese(answer.Message).ShouldBeTrue();
    }

    [SampleFact]
    public async Task A_forged_ID_token_or_a_signature_over_another_challenge_gets_400_without_personal_data()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var api = new ApplicationApi(host.Http);
        var resident = host.App.Simulator.Ordinary();
        var token = host.App.Simulator.IdTokenFor(resident.LineUserId);
        var request = await api.PrepareAsync(resident.ResidentId, token);

        var forged = await api.ApplyAsync(request with { IdToken = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA") });
        forged.StatusCode.ShouldBe(400);

        var other = await api.ChallengeAsync();
        var wrongChallenge = await api.ApplyAsync(request with { ChallengeId = other.ChallengeId });
        wrongChallenge.StatusCode.ShouldBe(400);

        // A raw signature without its certificate is a bad request, not a server error.
        var fresh = await api.PrepareAsync(resident.ResidentId, token);
        (await api.ApplyAsync(fresh with { Certificate = string.Empty, Format = "raw" })).StatusCode.ShouldBe(400);

        using var response = await host.Http.PostAsJsonAsync("api/applications", request with { Signature = Convert.ToBase64String(new byte[256]) }, ApplicationApi.Json);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await response.Content.ReadFromJsonAsync<ErrorResponse>(ApplicationApi.Json)).ShouldNotBeNull();
        error.Error.ShouldNotBeNullOrEmpty();
        var facts = host.Register.CounterFacts(resident.ResidentId);
        error.Error.ShouldNotContain(facts.FamilyName);
        error.Error.ShouldNotContain(facts.DateOfBirth.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture));
    }
}
