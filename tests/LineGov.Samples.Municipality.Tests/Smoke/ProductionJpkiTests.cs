using System.Net;
using System.Net.Http.Json;
using LineGov.Samples.Municipality.Tests.Infrastructure;

namespace LineGov.Samples.Municipality.Tests.Smoke;

/// <summary>Jpki:Mode=Production by configuration only: the J-LIS roots, the configured revocation source, no simulator.</summary>
public sealed class ProductionJpkiTests
{
    [Fact]
    public async Task Production_mode_trusts_the_JLIS_roots_only_and_has_no_card_simulator()
    {
        var crls = Directory.CreateTempSubdirectory("linegov-jlis-crls-");
        try
        {
            await using var host = await TestHost.StartAsync(TestStore.Sqlite, new Dictionary<string, string?>
            {
                ["Municipality:Jpki:Mode"] = "Production",
                ["Municipality:Jpki:CrlFolder"] = crls.FullName,
                ["Municipality:Staff:Users:0:Id"] = "clerk-1",
                ["Municipality:Staff:Users:0:Password"] = "a-long-password-from-a-vault",
                ["Municipality:Staff:Users:0:Roles:0"] = "approver",
            });

            host.App.Describe().ShouldContain(line => line.Contains("J-LIS roots", StringComparison.Ordinal));
            var challenge = await host.Http.PostAsync("api/applications/challenge", null);
            challenge.StatusCode.ShouldBe(HttpStatusCode.OK);
            var sign = await host.Http.PostAsJsonAsync("api/simulator/sign", new { residentId = "x", challengeId = "y", challenge = "AA==" });
            sign.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the card simulator exists only with the test authority");
        }
        finally
        {
            crls.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Production_mode_without_a_revocation_source_refuses_to_start()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => TestHost.StartAsync(TestStore.Sqlite, new Dictionary<string, string?> { ["Municipality:Jpki:Mode"] = "Production" }));
        error.Message.ShouldContain("OcspUrl");
    }

    [Fact]
    public async Task The_published_demo_logins_exist_only_in_the_all_simulated_configuration()
    {
        var crls = Directory.CreateTempSubdirectory("linegov-jlis-crls-");
        try
        {
            var error = await Should.ThrowAsync<InvalidOperationException>(() => TestHost.StartAsync(TestStore.Sqlite, new Dictionary<string, string?>
            {
                ["Municipality:Jpki:Mode"] = "Production",
                ["Municipality:Jpki:CrlFolder"] = crls.FullName,
            }));
            error.Message.ShouldContain("Staff:Users");
        }
        finally
        {
            crls.Delete(recursive: true);
        }
    }

    [Fact]
    public void Staff_lists_show_the_first_word_of_a_name_only()
    {
        LineGov.Samples.Municipality.Infrastructure.ApplicationService.Mask("山田").ShouldBe("山田 ＊＊");
        LineGov.Samples.Municipality.Infrastructure.ApplicationService.Mask("SMITH JOHN").ShouldBe("SMIT ＊＊");
        LineGov.Samples.Municipality.Infrastructure.ApplicationService.Mask("").ShouldBe("＊＊");
    }
}
