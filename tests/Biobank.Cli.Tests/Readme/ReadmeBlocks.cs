using Biobank.Server.Tests.Infrastructure;

namespace Biobank.Cli.Tests.Readme;

/// <summary>The shell blocks of a section of the README, as a reader copies them.</summary>
public static class ReadmeBlocks
{
    /// <summary>The non-empty lines of the first <paramref name="count"/> <c>sh</c> blocks after <paramref name="heading"/>, within its section.</summary>
    public static List<List<string>> After(string heading, int count)
    {
        var readme = File.ReadAllLines(Path.Combine(Repository.Root(), "README.md"));
        var start = Array.IndexOf(readme, heading);
        start.ShouldBeGreaterThan(-1, $"README.md has the heading '{heading}'");
        var blocks = new List<List<string>>();
        for (var line = start + 1; line < readme.Length && blocks.Count < count && !readme[line].StartsWith("## ", StringComparison.Ordinal); line++)
        {
            if (readme[line] == "```sh")
            {
                var end = Array.IndexOf(readme, "```", line + 1);
                blocks.Add([.. readme[(line + 1)..end].Where(l => l.Trim().Length > 0)]);
                line = end;
            }
        }

        blocks.Count.ShouldBe(count, $"the section '{heading}' has {count} block(s) of commands");
        return blocks;
    }
}
