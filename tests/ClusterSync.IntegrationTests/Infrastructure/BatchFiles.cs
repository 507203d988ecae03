namespace ClusterSync.IntegrationTests.Infrastructure;

/// <summary>What the tests of the CSV commands (the host's <c>resolve</c>, the lab's verbs) share.</summary>
public static class BatchFiles
{
    /// <summary>Five rows in the resolve format: a and b are one organisation; e has no name; one column is unknown.</summary>
    public const string Organisations =
        "id,name,country,city,website,notes,sectors\n"
        + "a,Kompetenznetz Optische Technologien Nordhessen e.V.,DE,Kassel,https://www.optonet-nordhessen.de/,first,us-cluster:38\n"
        + "b,Kompetenznetz Optische Technologien Nordhessen,Germany,Kassel,optonet-nordhessen.de,\"second, with comma\",\n"
        + "c,Aerospace Valley,FR,Toulouse,https://www.aerospace-valley.com,,us-cluster:3;nace2:30.30\n"
        + "d,Lombardy Aerospace Cluster,IT,Milano,,,\n"
        + "\"e,1\",,,,,,\n";

    /// <summary>The command failed with exactly one <c>error:</c> line on stderr holding <paramref name="expected"/>, and no stack trace.</summary>
    public static async Task AssertOneErrorLineAsync(Task<(int ExitCode, string StdOut, string StdErr)> run, string expected)
    {
        var (code, _, stderr) = await run;

        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.Not.Zero, stderr);
        Assert.That(lines, Has.Length.EqualTo(1), stderr);
        Assert.That(lines[0], Does.StartWith("error: ").And.Contain(expected));
        Assert.That(stderr, Does.Not.Contain("   at "));
    }
}
