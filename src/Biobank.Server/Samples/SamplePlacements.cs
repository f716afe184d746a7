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
    public async Task<Placement> ClaimAsync(WriteScope scope, Requested requested, string sampleId)
    {
        var box = await scope.LoadAsync<StorageUnit>(requested.StorageUnit) ?? throw new ResourceNotFoundException(requested.StorageUnit);
        scope.Caller.RequireOrganisation(box.Organisation);
        var where = new Dictionary<string, string> { ["storage_unit"] = box.Id, ["position"] = requested.Position };
        if (!GridPosition.IsIn(requested.Position, box))
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidPosition,
                box.Kind == StorageUnitKind.Box ? $"{requested.Position} is outside the {box.Rows} × {box.Columns} grid of {box.Id}." : $"{box.Id} is not a box.",
                where);
        }

        var occupant = await positions.OccupantAsync(box.Id, requested.Position, scope.CancellationToken);
        if (occupant is not null && occupant != sampleId)
        {
            throw new RuleViolationException(
                ErrorReasons.PositionOccupied, $"{box.Id} {requested.Position} holds {occupant}.", where);
        }

        return new Placement(box.Id, requested.Position, [box.Id, .. box.Ancestors.Reverse()]);
    }
}
