using Biobank.Domain.Access;
using Biobank.Domain.Samples;
using Biobank.Domain.StorageUnits;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Biobank.Server.StorageUnits;
using Google.Protobuf.WellKnownTypes;
using V1 = Biobank.V1;

namespace Biobank.Server.Samples;

/// <summary>Samples between their domain state and the API, shown as the caller may see them.</summary>
public static class SampleMapping
{
    public const string Collection = "samples";

    /// <summary>Larger amounts are taken for typing mistakes.</summary>
    private const double MaxQuantity = 1e12;

    /// <summary>
    /// The custodian organisation's staff see the whole sample, and only its biobank managers the
    /// donor pseudonym; everyone else sees the catalogue: what it is, how much (as a band) and
    /// whether it is available.
    /// </summary>
    public static V1.Sample ToApi(this Sample sample, Caller caller, DateTimeOffset now)
    {
        sample = sample.At(now);
        var custodian = caller.Organisation == sample.Organisation;
        var api = new V1.Sample
        {
            Name = sample.Id,
            CustodianOrganisation = ResourceNames.Organisation(sample.Organisation),
            Collection = sample.Collection,
            SourceKind = (V1.SourceKind)sample.SourceKind,
            Species = sample.Species,
            MaterialType = (V1.MaterialType)sample.MaterialType,
            CollectionTime = Timestamp.FromDateTimeOffset(sample.CollectionTime),
            QuantityBand = sample.Quantity.Band(),
            SprecCode = sample.SprecCode,
            State = (V1.SampleState)sample.State,
            Parent = sample.ParentId ?? "",
            Site = sample.Site == "" ? "" : ResourceNames.Site(sample.Site),
            Transfer = sample.Transfer ?? "",
            CatalogueOnly = !custodian,
            CreateTime = Timestamp.FromDateTimeOffset(sample.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(sample.UpdateTime),
            Etag = Etags.Format(sample.Version),
        };
        if (!custodian)
        {
            return api;
        }

        api.Barcode = sample.Barcode;
        api.Quantity = new V1.Quantity { Value = (double)sample.Quantity.Value, Unit = (V1.QuantityUnit)sample.Quantity.Unit };
        api.ConsentReference = sample.ConsentReference;
        api.FreezeThawCount = sample.FreezeThawCount;
        api.CheckedOut = sample.CheckedOut;
        api.DonorPseudonym = caller.Has(Role.BiobankManager) ? sample.DonorPseudonym : "";
        api.Holds.Add(sample.Holds.Select(h => new V1.SampleHold
        {
            HoldId = h.HoldId, Kind = (V1.HoldKind)h.Kind, Reason = h.Reason, PlaceTime = Timestamp.FromDateTimeOffset(h.At),
        }));
        if (sample.Allocation is { } allocation)
        {
            api.Allocation = new V1.SampleAllocation
            {
                AllocationId = allocation.AllocationId, Project = allocation.Project, ExpireTime = Timestamp.FromDateTimeOffset(allocation.Until),
            };
        }

        if (sample.Placement is { } placement)
        {
            api.StoragePosition = new V1.StoragePosition { StorageUnit = placement.StorageUnit, Position = placement.Position };
        }

        return api;
    }

    /// <summary>A quantity of a request: a finite amount, positive unless <paramref name="allowZero"/>, and a unit.</summary>
    public static Quantity ReadQuantity(V1.Quantity? quantity, string field, RequestChecks checks, bool allowZero = false)
    {
        if (quantity is null)
        {
            checks.Add(field, "is required");
            return new Quantity(0, QuantityUnit.Unspecified);
        }

        var unit = (QuantityUnit)checks.Enum(quantity.Unit, $"{field}.unit");
        if (!double.IsFinite(quantity.Value) || quantity.Value < 0 || quantity.Value > MaxQuantity)
        {
            checks.Add($"{field}.value", allowZero ? "must be zero or more" : "must be more than zero");
            return new Quantity(0, unit);
        }

        // Judged after rounding to the six decimals kept, so a quantity never becomes zero unseen.
        var value = Math.Round((decimal)quantity.Value, 6);
        if (!allowZero && value == 0)
        {
            checks.Add($"{field}.value", "must be more than zero (six decimals are kept)");
        }

        return new Quantity(value, unit);
    }

    /// <summary>A well-formed box position of a request, or null when none was given.</summary>
    public static (string StorageUnit, string Position)? ReadPosition(V1.StoragePosition? position, string field, RequestChecks checks, bool required = false)
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

        return (unit, position.Position);
    }

    /// <summary>
    /// Pseudonyms are codes (letters, digits, '-', '_', '.'): a name with spaces or an e-mail
    /// address is refused, so direct identifiers do not slip into the history, which cannot be rewritten.
    /// </summary>
    public static string ReadPseudonym(string value, string field, RequestChecks checks, bool required)
    {
        if (value == "")
        {
            if (required)
            {
                checks.Add(field, "is required");
            }

            return "";
        }

        if (value.Length > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            checks.Add(field, "must be a pseudonym code of at most 64 letters, digits, '-', '_' or '.', never a direct identifier");
        }

        return value;
    }
}
