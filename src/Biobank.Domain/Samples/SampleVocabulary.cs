namespace Biobank.Domain.Samples;

/// <summary>Where material comes from; the same names as <c>biobank.v1.SourceKind</c>.</summary>
public enum SourceKind
{
    Unspecified = 0,
    Human = 1,
    Animal = 2,
    Environment = 3,
    Isolate = 4,
}

/// <summary>
/// Material types aligned with MIABIS 2.0 plus One Health's environmental matrices; the same names
/// as <c>biobank.v1.MaterialType</c>, where each is described.
/// </summary>
public enum MaterialType
{
    Unspecified = 0,
    WholeBlood = 1,
    Serum = 2,
    Plasma = 3,
    BuffyCoat = 4,
    Pbmc = 5,
    Dna = 6,
    Rna = 7,
    Cdna = 8,
    TissueFrozen = 9,
    TissueFfpe = 10,
    Urine = 11,
    Faeces = 12,
    Saliva = 13,
    CerebrospinalFluid = 14,
    Swab = 15,
    CellLine = 16,
    BacterialIsolate = 17,
    Water = 18,
    Soil = 19,
    Food = 20,
    Other = 21,
}

/// <summary>Units of a quantity; the same names as <c>biobank.v1.QuantityUnit</c>.</summary>
public enum QuantityUnit
{
    Unspecified = 0,
    Millilitre = 1,
    Microlitre = 2,
    Milligram = 3,
    Microgram = 4,
    Cells = 5,
    Count = 6,
}

/// <summary>Whether a sample can be used; the same names as <c>biobank.v1.SampleState</c>.</summary>
public enum SampleState
{
    Unspecified = 0,
    Available = 1,
    Allocated = 2,
    InTransit = 3,
    OnHold = 4,
    Depleted = 5,
    Disposed = 6,
    /// <summary>Sent and never received.</summary>
    Lost = 7,
}

/// <summary>Why a sample is held; the same names as <c>biobank.v1.HoldKind</c>.</summary>
public enum HoldKind
{
    Unspecified = 0,
    Quarantine = 1,
    Legal = 2,
    Quality = 3,
    ConsentReview = 4,
}

/// <summary>An amount of material in one unit.</summary>
public sealed record Quantity(decimal Value, QuantityUnit Unit)
{
    public static string Symbol(QuantityUnit unit) => unit switch
    {
        QuantityUnit.Millilitre => "mL",
        QuantityUnit.Microlitre => "µL",
        QuantityUnit.Milligram => "mg",
        QuantityUnit.Microgram => "µg",
        QuantityUnit.Cells => "cells",
        _ => "items",
    };

    /// <summary>The order of magnitude others may see instead of the exact amount, e.g. "1-10 mL".</summary>
    public string Band()
    {
        if (Value == 0)
        {
            return $"0 {Symbol(Unit)}";
        }

        decimal lower = 1;
        while (Value < lower && lower > 0.000001m)
        {
            lower /= 10;
        }

        while (Value >= lower * 10)
        {
            lower *= 10;
        }

        return Value < lower
            ? $"<{lower} {Symbol(Unit)}"
            : $"{lower.ToString("G29", System.Globalization.CultureInfo.InvariantCulture)}-{(lower * 10).ToString("G29", System.Globalization.CultureInfo.InvariantCulture)} {Symbol(Unit)}";
    }
}

/// <summary>
/// A box position a sample is in, at <paramref name="Site"/>. <paramref name="Units"/> are the box
/// and every unit it is inside, so lists can find the samples of a freezer without walking the tree.
/// </summary>
public sealed record Placement(string StorageUnit, string Position, IReadOnlyList<string> Units, string Site);

/// <summary>A hold on a sample; lifted by its id.</summary>
public sealed record Hold(string HoldId, HoldKind Kind, string Reason, DateTimeOffset At);

/// <summary>An allocation of a sample for <paramref name="Project"/> until <paramref name="Until"/> (exclusive).</summary>
public sealed record SampleAllocation(string AllocationId, string Project, DateTimeOffset Until);
