using Biobank.Domain.Consents;
using Biobank.Domain.Samples;
using Marten;

namespace Biobank.Server.Samples;

/// <summary>The samples made from others: lineage reads and consent withdrawal both walk them.</summary>
public static class SampleFamily
{
    /// <summary>Every sample made from <paramref name="roots"/>, directly or not, generation by generation.</summary>
    public static async Task<IReadOnlyList<Sample>> DescendantsAsync(IQuerySession session, IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        var descendants = new List<Sample>();
        IReadOnlyList<string> generation = roots;
        for (var depth = 0; generation.Count > 0 && depth < Sample.MaxGenerations; depth++)
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

    /// <summary>
    /// The names of the samples a consent covers: the donor's in its collection, wherever they are
    /// now (the partner's custody included), and every sample made from them, in name order.
    /// </summary>
    public static async Task<IReadOnlyList<string>> OfDonorAsync(IQuerySession session, Consent consent, CancellationToken cancellationToken)
    {
        var (organisation, donor, collection) = (consent.Organisation, consent.DonorPseudonym, consent.Collection);
        var donated = await session.Query<Sample>()
            .Where(s => s.ConsentHolder == organisation && s.DonorPseudonym == donor && s.Collection == collection)
            .ToListAsync(cancellationToken);
        return [.. donated.Concat(await DescendantsAsync(session, [.. donated.Select(s => s.Id)], cancellationToken))
            .Select(s => s.Id)
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }
}
