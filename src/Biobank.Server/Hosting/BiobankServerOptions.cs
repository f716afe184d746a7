namespace Biobank.Server.Hosting;

/// <summary>Settings of the <c>Biobank</c> configuration section.</summary>
public sealed class BiobankServerOptions
{
    public const string Section = "Biobank";

    /// <summary>
    /// Where the server keeps its local state: the private PostgreSQL cluster (when no connection
    /// string is configured) and the development signing key. Relative paths are resolved against
    /// the working directory.
    /// </summary>
    public string DataDirectory { get; set; } = ".biobank";

    /// <summary>
    /// Whether the server creates and migrates the database schema when it starts. Production
    /// deployments whose database role may not change the schema set this to false and run the
    /// server once with <c>--apply-schema-only</c> from a privileged role instead.
    /// </summary>
    public bool ApplySchemaOnStartup { get; set; } = true;

    /// <summary>
    /// Allows plain-text HTTP/2 on addresses other than loopback, for deployments where a
    /// gRPC-aware load balancer terminates TLS on a private network.
    /// </summary>
    public bool AllowRemoteCleartext { get; set; }

    /// <summary>Which web pages may call the server from a browser (gRPC-Web).</summary>
    public CorsOptions Cors { get; set; } = new();

    /// <summary>Settings of <c>Biobank:Cors</c>.</summary>
    public sealed class CorsOptions
    {
        /// <summary>
        /// Origins (<c>https://lims.example.org</c>, scheme, host and port) whose pages may call the
        /// server; none by default, so no page of another origin can.
        /// </summary>
        public List<string> Origins { get; set; } = [];
    }
}
