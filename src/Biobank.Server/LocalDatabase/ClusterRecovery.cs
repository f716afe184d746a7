namespace Biobank.Server.LocalDatabase;

/// <summary>What <see cref="LocalPostgresCluster.RecoverAsync"/> did.</summary>
internal enum ClusterRecovery
{
    /// <summary>Nothing: the server runs, or its living owner looks after it.</summary>
    None,

    /// <summary>The owner had gone; this process now owns the running server and stops it on shutdown.</summary>
    Adopted,

    /// <summary>The server had stopped and was started again on its port.</summary>
    Restarted,
}
