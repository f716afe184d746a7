using Biobank.Domain.Access;
using Biobank.Domain.Transfers;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using V1 = Biobank.V1;

namespace Biobank.Server.Transfers;

/// <summary>Transfers and custody chains between their domain state and the API.</summary>
public static class TransferMapping
{
    public const string Collection = "transfers";

    /// <summary>The contract's reasons, by which a gate check is named.</summary>
    private static readonly EnumDescriptor Reasons = V1.CommonReflection.Descriptor.FindTypeByName<EnumDescriptor>("ErrorReason");

    /// <summary>
    /// Both organisations of a transfer and auditors see it whole, but for what the receiving
    /// organisation found in the parcel (quantities, where it put each sample), which is the
    /// receiver's and auditors' alone.
    /// </summary>
    public static V1.Transfer ToApi(this Transfer transfer, Caller viewer)
    {
        var receiver = viewer.Organisation == transfer.ToOrganisation || viewer.Has(Role.Auditor) || viewer.Has(Role.Admin);
        var api = new V1.Transfer
        {
            Name = transfer.Id,
            FromSite = ResourceNames.Site(transfer.FromSite),
            FromOrganisation = ResourceNames.Organisation(transfer.FromOrganisation),
            ToOrganisation = ResourceNames.Organisation(transfer.ToOrganisation),
            ToSite = ResourceNames.Site(transfer.ToSite),
            Purpose = (V1.PermittedUse)transfer.Purpose,
            Project = transfer.Project,
            Agreement = transfer.AgreementId ?? "",
            ExpectedReturnTime = transfer.ExpectedReturn is { } expected ? Timestamp.FromDateTimeOffset(expected) : null,
            ReturnOf = transfer.ReturnOf ?? "",
            State = (V1.TransferState)transfer.State,
            StateReason = transfer.StateReason,
            Shipment = transfer.Shipment?.ToApi(),
            RequestedBy = transfer.RequestedBy,
            RequestingOrganisation = ResourceNames.Organisation(transfer.RequestingOrganisation),
            CreateTime = Timestamp.FromDateTimeOffset(transfer.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(transfer.UpdateTime),
            DispatchTime = transfer.DispatchTime is { } dispatched ? Timestamp.FromDateTimeOffset(dispatched) : null,
            Etag = Etags.Format(transfer.Version),
        };
        api.Items.Add(transfer.Items.Select(i => i.ToApi(receiver)));
        api.ReservationsToCancel.Add(transfer.ReservationsToCancel);
        api.ApprovalChecks.Add(transfer.ApprovalChecks.Select(ToApi));
        api.DispatchChecks.Add(transfer.DispatchChecks.Select(ToApi));
        return api;
    }

    public static V1.CustodyInterval ToApi(this CustodyInterval interval) => new()
    {
        Organisation = interval.Organisation == "" ? "" : ResourceNames.Organisation(interval.Organisation),
        Site = interval.Site == "" ? "" : ResourceNames.Site(interval.Site),
        Carrier = interval.Carrier,
        Transfer = interval.Transfer,
        StartTime = Timestamp.FromDateTimeOffset(interval.Start),
        EndTime = interval.End is { } end ? Timestamp.FromDateTimeOffset(end) : null,
        OpenedBy = interval.OpenedBy.ToApi(),
        ClosedBy = interval.ClosedBy?.ToApi(),
    };

    /// <summary>The packing a dispatch request gives, with a violation per missing or impossible value.</summary>
    public static Shipment ReadShipment(V1.Shipment? shipment, string field, RequestChecks checks)
    {
        if (shipment is null)
        {
            checks.Add(field, "is required");
            return new Shipment("", "", Packaging.Unspecified, 0, "", []);
        }

        if (!double.IsFinite(shipment.DryIceKilograms) || shipment.DryIceKilograms is < 0 or > 200)
        {
            checks.Add($"{field}.dry_ice_kilograms", "must be from 0 to 200");
        }

        if (shipment.SealIds.Count > 20)
        {
            checks.Add($"{field}.seal_ids", "must hold at most 20 seals");
        }

        return new Shipment(
            checks.Required(shipment.Carrier, $"{field}.carrier", 100),
            checks.Optional(shipment.TrackingNumber, $"{field}.tracking_number", 100),
            (Packaging)checks.Enum(shipment.Packaging, $"{field}.packaging"),
            double.IsFinite(shipment.DryIceKilograms) ? decimal.Round((decimal)Math.Clamp(shipment.DryIceKilograms, 0, 200), 3) : 0,
            checks.Optional(shipment.TemperatureLoggerId, $"{field}.temperature_logger_id", 100),
            [.. shipment.SealIds.Select((s, i) => checks.Required(s, $"{field}.seal_ids[{i}]", 100))]);
    }

    private static V1.TransferItem ToApi(this TransferItem item, bool receiver)
    {
        var api = new V1.TransferItem
        {
            Item = item.Name,
            State = (V1.TransferItemState)item.State,
            Condition = (V1.ItemCondition)item.Condition,
            TemperatureExcursion = item.TemperatureExcursion,
            ReceiveTime = item.ReceiveTime is { } received ? Timestamp.FromDateTimeOffset(received) : null,
        };
        if (receiver && item.ReceivedQuantity is { } quantity)
        {
            api.ReceivedQuantity = new V1.Quantity { Value = (double)quantity.Value, Unit = (V1.QuantityUnit)quantity.Unit };
        }

        if (receiver && item.Placement is { } placement)
        {
            api.StoragePosition = new V1.StoragePosition { StorageUnit = placement.StorageUnit, Position = placement.Position };
        }

        return api;
    }

    private static V1.Shipment ToApi(this Shipment shipment)
    {
        var api = new V1.Shipment
        {
            Carrier = shipment.Carrier,
            TrackingNumber = shipment.TrackingNumber,
            Packaging = (V1.Packaging)shipment.Packaging,
            DryIceKilograms = (double)shipment.DryIceKilograms,
            TemperatureLoggerId = shipment.TemperatureLoggerId,
        };
        api.SealIds.Add(shipment.SealIds);
        return api;
    }

    private static V1.GateCheck ToApi(GateCheck check)
    {
        var api = new V1.GateCheck
        {
            Item = check.Item,
            Check = (V1.ErrorReason)(Reasons.FindValueByName($"ERROR_REASON_{check.Check}")?.Number ?? 0),
            Passed = check.Passed,
        };
        api.Inputs.Add(check.Inputs.ToDictionary());
        return api;
    }

    private static V1.CustodyEvent ToApi(this CitedEvent cited) => new() { Type = cited.Type, Version = cited.Version, EventId = cited.EventId };
}
