using System.Net;

namespace LineGov.Jpki.Tests.Crl;

public sealed class CrlResilienceTests
{
    private sealed class Scripted(params HttpStatusCode[] codes) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var code = codes[Math.Min(Calls, codes.Length - 1)];
            Calls++;
            return Task.FromResult(new HttpResponseMessage(code) { Content = new ByteArrayContent([1, 2, 3]) });
        }
    }

    [Fact]
    public async Task Crl_downloads_are_retried_on_server_errors_and_not_on_client_errors()
    {
        var flaky = new Scripted(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        using var client = new HttpClient(new CrlResilienceHandler(TimeProvider.System, TimeSpan.FromMilliseconds(1)) { InnerHandler = flaky });

        using var ok = await client.GetAsync(new Uri("http://127.0.0.1/crl/tohma.crl"));

        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        flaky.Calls.ShouldBe(3);

        var missing = new Scripted(HttpStatusCode.NotFound);
        using var client2 = new HttpClient(new CrlResilienceHandler(TimeProvider.System, TimeSpan.FromMilliseconds(1)) { InnerHandler = missing });
        using var notFound = await client2.GetAsync(new Uri("http://127.0.0.1/crl/none.crl"));

        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Calls.ShouldBe(1);
    }
}
