using Pipeline.Application.Fetching.Http;

namespace Pipeline.Fetcher.Tests;

public sealed class SafeUrlTests
{
    [Fact]
    public void Display_drops_credentials_and_fragment_and_masks_secret_query_values()
    {
        var url = new Uri("https://alice:s3cret@example.org/reports/q1.pdf?lang=en&token=abc123&X-Amz-Signature=ff#page=2");

        var shown = SafeUrl.Display(url);

        Assert.Equal("https://example.org/reports/q1.pdf?lang=en&token=***&X-Amz-Signature=***", shown);
        Assert.True(SafeUrl.HasCredentials(url));
    }

    [Fact]
    public void Clean_is_what_is_requested_without_user_info()
    {
        var clean = SafeUrl.Clean(new Uri("http://bob:pw@127.0.0.1:8080/a/b?x=1#frag"));

        Assert.Equal("http://127.0.0.1:8080/a/b?x=1", clean.AbsoluteUri);
        Assert.Empty(clean.UserInfo);
    }

    [Theory]
    [InlineData("ftp://example.org/file")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.org/")]
    public void Only_http_and_https_are_web(string url) => Assert.False(SafeUrl.IsWeb(new Uri(url)));
}
