using Biobank.Domain.Samples;
using Marten;

namespace Biobank.Server.Samples;

/// <summary>The samples made from others: lineage reads and consent withdrawal both walk them.</summary>
public static class SampleFamily
{
    /// <summary>Lineages deeper than this are taken for a cycle in the data, and cut there.</summary>
    public const int MaxGenerations = 32;

    /// <summary>Every sample made from <paramref name="roots"/>, directly or not, generation by generation.</summary>
    public static async Task<IReadOnlyList<Sample>> DescendantsAsync(IQuerySession session, IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        var descendants = new List<Sample>();
        IReadOnlyList<string> generation = roots;
        for (var depth = 0; generation.Count > 0 && depth < MaxGenerations; depth++)
        {
            var parents = generation.ToArray();
            var children = await session.Query<Sample>()
                .Where(s => s.ParentId != null && parents.Contains(s.ParentId))
                .OrderBy(s => s.Id)
                .ToListAsync(cancellationToken);
            descendants.AddRange(children);
            generation = [.. children.Select(c => c.Id)];
        }

        return descendants;
    }
}
