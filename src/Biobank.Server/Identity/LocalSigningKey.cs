using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Biobank.Server.Identity;

/// <summary>
/// The key a server without an external identity provider signs and checks development tokens with,
/// generated on first use and kept, readable by its owner only, in the data directory.
/// </summary>
public static class LocalSigningKey
{
    public const string Issuer = "biobank-local";

    public static SymmetricSecurityKey Load(string dataDirectory)
    {
        var path = Path.Combine(Path.GetFullPath(dataDirectory), "signing-key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var fresh = Path.Combine(Path.GetDirectoryName(path)!, $"signing-key-{Guid.NewGuid():N}");
            File.WriteAllText(fresh, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(fresh, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            try
            {
                // Two processes starting together keep whichever key landed first.
                File.Move(fresh, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(fresh);
            }
        }

        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim())) { KeyId = "local" };
    }
}
