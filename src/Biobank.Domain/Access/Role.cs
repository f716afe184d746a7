namespace Biobank.Domain.Access;

/// <summary>The roles a token's <c>roles</c> claim may carry.</summary>
public static class Role
{
    /// <summary>A lab information system acting for its organisation.</summary>
    public const string LabSystem = "lab-system";
    public const string Technician = "technician";
    /// <summary>Manages the instruments of the owning organisation: rules, status, approvals, qualifications.</summary>
    public const string FacilityManager = "facility-manager";
    /// <summary>Manages the samples of the custodian organisation.</summary>
    public const string BiobankManager = "biobank-manager";
    /// <summary>Reads the history of every organisation; changes nothing.</summary>
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } =
        [LabSystem, Technician, FacilityManager, BiobankManager, Auditor, Admin];
}
