using ClusterSync.Core.Normalisation.Web;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed class WebAddressCanonicaliserTests
{
    private static readonly WebAddressCanonicaliser Canonicaliser = WebAddressCanonicaliser.Default;

    [TestCase("example.com", "http://example.com")]
    [TestCase("https://example.com", "https://example.com")]
    [TestCase("//example.com/a", "http://example.com/a")]
    public void Canonicalise_adds_http_when_no_scheme_is_given(string address, string expected)
    {
        var url = Canonicaliser.Canonicalise(address)?.Url;

        Assert.That(url, Is.EqualTo(expected));
    }

    [Test]
    public void Canonicalise_lower_cases_scheme_and_host_but_not_the_path()
    {
        var url = Canonicaliser.Canonicalise("HTTPS://Cluster.EXAMPLE.org/About/Us")?.Url;

        Assert.That(url, Is.EqualTo("https://cluster.example.org/About/Us"));
    }

    [TestCase("http://www.example.com", "example.com")]
    [TestCase("http://www2.example.com", "example.com")]
    [TestCase("http://www.com", "www.com")]
    [TestCase("http://wwwexample.com", "wwwexample.com")]
    public void Canonicalise_strips_www_prefixes(string address, string expectedHost)
    {
        var host = Canonicaliser.Canonicalise(address)?.Host;

        Assert.That(host, Is.EqualTo(expectedHost));
    }

    [TestCase("http://example.com/", "http://example.com")]
    [TestCase("http://example.com/news/", "http://example.com/news")]
    [TestCase("  http://example.com/  ", "http://example.com")]
    public void Canonicalise_trims_and_drops_trailing_slashes(string address, string expected)
    {
        var url = Canonicaliser.Canonicalise(address)?.Url;

        Assert.That(url, Is.EqualTo(expected));
    }

    [TestCase("http://example.com:80/", "http://example.com")]
    [TestCase("https://example.com:443", "https://example.com")]
    [TestCase("http://example.com:8080/x", "http://example.com:8080/x")]
    public void Canonicalise_drops_only_the_default_port(string address, string expected)
    {
        var url = Canonicaliser.Canonicalise(address)?.Url;

        Assert.That(url, Is.EqualTo(expected));
    }

    [TestCase("http://example.com/a?utm_source=x&id=7&UTM_Medium=y#top", "http://example.com/a?id=7")]
    [TestCase("http://example.com/?utm_campaign=z", "http://example.com")]
    [TestCase("http://example.com/?fbclid=1&gclid=2&lang=de", "http://example.com?lang=de")]
    public void Canonicalise_drops_tracking_parameters_and_the_fragment(string address, string expected)
    {
        var url = Canonicaliser.Canonicalise(address)?.Url;

        Assert.That(url, Is.EqualTo(expected));
    }

    [Test]
    public void Canonicalise_writes_internationalised_hosts_in_unicode()
    {
        var address = Canonicaliser.Canonicalise("http://www.Müller-Cluster.de/");

        Assert.That(address, Is.EqualTo(new CanonicalWebAddress("http://müller-cluster.de", "müller-cluster.de", "müller-cluster.de")));
    }

    [Test]
    public void Canonicalise_gives_the_same_host_for_unicode_and_punycode()
    {
        var unicode = Canonicaliser.Canonicalise("müller-cluster.de");
        var punycode = Canonicaliser.Canonicalise("http://xn--mller-cluster-wob.de");

        Assert.That(punycode, Is.EqualTo(unicode));
    }

    [TestCase("http://news.example.co.uk/x", "example.co.uk")]
    [TestCase("https://cluster.github.io", "cluster.github.io")]
    public void Canonicalise_finds_the_registrable_domain(string address, string expected)
    {
        var registrable = Canonicaliser.Canonicalise(address)?.RegistrableDomain;

        Assert.That(registrable, Is.EqualTo(expected));
    }

    [TestCase("http://192.168.1.10/cluster", "192.168.1.10")]
    [TestCase("http://[2001:db8::1]/", "[2001:db8::1]")]
    public void Canonicalise_accepts_ip_addresses_without_registrable_domain(string address, string expectedHost)
    {
        var canonical = Canonicaliser.Canonicalise(address);

        Assert.That(canonical, Is.Not.Null);
        Assert.That(canonical!.Host, Is.EqualTo(expectedHost));
        Assert.That(canonical.RegistrableDomain, Is.Null);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("n/a")]
    [TestCase("localhost")]
    [TestCase("http://intranet/")]
    [TestCase("www. example .com")]
    [TestCase("mailto:info@example.com")]
    [TestCase("info@example.com")]
    [TestCase("ftp://example.com")]
    [TestCase("http://co.uk")]
    [TestCase("http://user:secret@example.com")]
    [TestCase("http://")]
    public void Canonicalise_rejects_what_is_no_site_address(string? address)
    {
        var canonical = Canonicaliser.Canonicalise(address);

        Assert.That(canonical, Is.Null);
    }
}
