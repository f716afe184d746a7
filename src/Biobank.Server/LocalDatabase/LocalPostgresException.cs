namespace Biobank.Server.LocalDatabase;

/// <summary>The private PostgreSQL cluster could not be created or started; the message says what to do.</summary>
public sealed class LocalPostgresException(string message) : Exception(message);
