using Reelgate.Server.Http;

namespace Reelgate.Server.Tests.Http;

public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("https://hooks.example.com/reelgate", "https://hooks.example.com/reelgate")]
    [InlineData("https://hooks.example.com:8443/in?token=s3cr3t&x=1", "https://hooks.example.com:8443/in?[redacted]")]
    [InlineData("https://user:s3cr3t@hooks.example.com/in", "https://hooks.example.com/in?[redacted]")]
    [InlineData("https://hooks.example.com/in#s3cr3t", "https://hooks.example.com/in?[redacted]")]
    [InlineData("not a url ?token=s3cr3t", "(not a URL)")]
    [InlineData(null, "(not a URL)")]
    public void Redact_KeepsSchemeHostPortAndPathOnly(string? url, string expected) =>
        Assert.Equal(expected, UrlRedaction.Redact(url));
}
