using Npgsql;

namespace Biobank.Server.Storage;

public static class PostgresErrors
{
    /// <summary>The PostgreSQL error behind <paramref name="exception"/>, however deeply Marten wrapped it.</summary>
    public static PostgresException? FindPostgresError(this Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
