using Biobank.Domain.Failures;
using Biobank.Domain.Samples;
using Biobank.Domain.StorageUnits;
using Biobank.Server.Api;
using Biobank.Server.Storage;
using Biobank.Server.StorageUnits;
using V1 = Biobank.V1;

namespace Biobank.Server.Samples;

/// <summary>
/// Turns a requested box position into a <see cref="Placement"/>: the box must be the caller's
/// organisation's, the position in its grid and free. Free is checked here to answer
/// POSITION_OCCUPIED with the occupant; <see cref="SamplePositions"/> has the last word when two
/// placements race, and the loser, deciding again, lands here.
/// </summary>
public sealed class SamplePlacements(SamplePositions positions)
{
    /// <summary>A well-formed position of a request, or null when none was given.</summary>
    public sealed record Requested(string StorageUnit, string Position, string Field);

    public static Requested? Read(V1.StoragePosition? position, string field, RequestChecks checks, bool required = false)
    {
        if (position is null)
        {
            if (required)
            {
                checks.Add(field, "is required");
            }

            return null;
        }

        var unit = checks.Name(position.StorageUnit, StorageUnitMapping.Collection, $"{field}.storage_unit");
        if (GridPosition.Parse(position.Position) is null)
        {
            checks.Add($"{field}.position", "must be a row letter and a column number, e.g. \"A1\"");
        }

        return new Requested(unit, position.Position, field);
    }

    /// <summary>The placement of <paramref name="sampleId"/> into <paramref name="requested"/>, or the rule it breaks.</summary>
    public async Task<Placement> ClaimAsync(WriteScope scope, Requested requested, string sampleId) =>
        (await ClaimAllAsync(scope, [(requested, sampleId)]))[0];

    /// <summary>
    /// Placements of several samples at once (the aliquots of one split), with one read of their
    /// boxes and one of the boxes' occupancy however many they are.
    /// </summary>
    public async Task<IReadOnlyList<Placement>> ClaimAllAsync(WriteScope scope, IReadOnlyList<(Requested Requested, string SampleId)> claims)
    {
        var boxIds = claims.Select(c => c.Requested.StorageUnit).Distinct().ToList();
        var boxes = (await scope.Session.LoadManyAsync<StorageUnit>(scope.CancellationToken, boxIds)).ToDictionary(b => b.Id);
        var occupied = (await positions.OccupiedAsync(boxIds, scope.CancellationToken))
            .ToDictionary(o => (o.Box, o.Position), o => o.Sample);
        return [.. claims.Select(claim => Claim(scope, boxes, occupied, claim.Requested, claim.SampleId))];
    }

    private static Placement Claim(
        WriteScope scope, Dictionary<string, StorageUnit> boxes, Dictionary<(string, string), string> occupied, Requested requested, string sampleId)
    {
        var box = boxes.GetValueOrDefault(requested.StorageUnit) ?? throw new ResourceNotFoundException(requested.StorageUnit);
        scope.Caller.RequireOrganisation(box.Organisation);
        var where = new Dictionary<string, string> { ["storage_unit"] = box.Id, ["position"] = requested.Position };
        if (!GridPosition.IsIn(requested.Position, box))
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidPosition,
                box.Kind == StorageUnitKind.Box ? $"{requested.Position} is outside the {box.Rows} × {box.Columns} grid of {box.Id}." : $"{box.Id} is not a box.",
                where);
        }

        if (occupied.TryGetValue((box.Id, requested.Position), out var occupant) && occupant != sampleId)
        {
            throw new RuleViolationException(ErrorReasons.PositionOccupied, $"{box.Id} {requested.Position} holds {occupant}.", where);
        }

        return new Placement(box.Id, requested.Position, [box.Id, .. box.Ancestors.Reverse()]);
    }
}
