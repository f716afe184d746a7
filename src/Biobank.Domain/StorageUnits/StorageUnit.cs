using Biobank.Domain.Access;
using Biobank.Domain.Failures;

namespace Biobank.Domain.StorageUnits;

/// <summary>Kinds of storage unit; the same names as <c>biobank.v1.StorageUnitKind</c>.</summary>
public enum StorageUnitKind
{
    Unspecified = 0,
    Freezer = 1,
    Rack = 2,
    Box = 3,
    Shelf = 4,
    Dewar = 5,
}

/// <summary>Storage temperature bands; the same names as <c>biobank.v1.TemperatureBand</c>.</summary>
public enum TemperatureBand
{
    Unspecified = 0,
    RoomTemperature = 1,
    Refrigerated = 2,
    Minus20 = 3,
    Minus80 = 4,
    Ln2Vapour = 5,
    Ln2Liquid = 6,
}

/// <summary>The events of a storage unit's stream ("storageUnits/{id}").</summary>
public abstract record StorageUnitEvent;

/// <summary>The first event of a storage unit's stream.</summary>
public sealed record StorageUnitCreated(
    string StorageUnitId,
    string DisplayName,
    StorageUnitKind Kind,
    string Organisation,
    string Site,
    string? ParentId,
    IReadOnlyList<string> Ancestors,
    int Rows,
    int Columns,
    TemperatureBand TemperatureBand,
    DateTimeOffset At) : StorageUnitEvent;

/// <summary>
/// A freezer, dewar, shelf, rack or box. <paramref name="Ancestors"/> are the units it is inside,
/// outermost first, so a sample's unit tells which subtrees it is in without walking up.
/// </summary>
public sealed record StorageUnit(
    string Id,
    string DisplayName,
    StorageUnitKind Kind,
    string Organisation,
    string Site,
    string? ParentId,
    IReadOnlyList<string> Ancestors,
    int Rows,
    int Columns,
    TemperatureBand TemperatureBand,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IEventFold<StorageUnit, StorageUnitEvent>
{
    public int Capacity => Kind == StorageUnitKind.Box ? Rows * Columns : 0;

    public static StorageUnit? Evolve(StorageUnit? state, StorageUnitEvent change) => (state, change) switch
    {
        (null, StorageUnitCreated e) => new StorageUnit(
            e.StorageUnitId, e.DisplayName, e.Kind, e.Organisation, e.Site, e.ParentId, e.Ancestors, e.Rows, e.Columns,
            e.TemperatureBand, e.At, e.At, 1),
        _ => state,
    };

    /// <summary>Every position of a box, row by row.</summary>
    public IEnumerable<string> Positions()
    {
        for (var row = 0; row < Rows && Kind == StorageUnitKind.Box; row++)
        {
            for (var column = 0; column < Columns; column++)
            {
                yield return GridPosition.Name(row, column);
            }
        }
    }
}

/// <summary>Creating storage units, and who may.</summary>
public static class StorageUnitDecider
{
    /// <summary>
    /// Creates <paramref name="Id"/> at <paramref name="Site"/> (of <paramref name="SiteOrganisation"/>),
    /// or inside <paramref name="Parent"/>, whose site it takes; the handler has checked the fields' form.
    /// </summary>
    public sealed record Create(
        Caller Caller, DateTimeOffset Now, string Id, string DisplayName, StorageUnitKind Kind, string? Site, string? SiteOrganisation,
        StorageUnit? Parent, int Rows, int Columns, TemperatureBand TemperatureBand);

    public static IReadOnlyList<StorageUnitEvent> Decide(Create c, StorageUnit? state)
    {
        c.Caller.RequireAnyRole(Role.BiobankManager, Role.Admin);
        var organisation = c.Parent?.Organisation ?? c.SiteOrganisation
            ?? throw new InvalidOperationException("A unit is made at a site or inside a parent.");
        c.Caller.RequireOrganisation(organisation);
        if (state is not null)
        {
            throw new ResourceAlreadyExistsException(c.Id, $"Storage unit '{c.Id}' already exists.");
        }

        var site = c.Site ?? c.Parent!.Site;
        var band = c.TemperatureBand;
        if (c.Parent is { } parent)
        {
            // A unit inside another shares its place and its cold.
            if (parent.Kind == StorageUnitKind.Box || parent.Site != site
                || (band != TemperatureBand.Unspecified && band != parent.TemperatureBand))
            {
                throw new RuleViolationException(
                    ErrorReasons.UnsuitableParent,
                    parent.Kind == StorageUnitKind.Box
                        ? "Boxes hold samples, not storage units."
                        : $"A unit inside {parent.Id} is at its site {parent.Site} and in its band {parent.TemperatureBand}.",
                    ("parent", parent.Id), ("site", parent.Site), ("temperature_band", parent.TemperatureBand));
            }

            band = parent.TemperatureBand;
        }

        IReadOnlyList<string> ancestors = c.Parent is null ? [] : [.. c.Parent.Ancestors, c.Parent.Id];
        return [new StorageUnitCreated(c.Id, c.DisplayName, c.Kind, organisation, site, c.Parent?.Id, ancestors, c.Rows, c.Columns, band, c.Now)];
    }
}
