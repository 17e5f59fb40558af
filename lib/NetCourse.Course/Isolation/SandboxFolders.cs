using System.Runtime.InteropServices;

namespace NetCourse.Course.Isolation;

/// <summary>The root-owned folders of the sandbox and the one call .NET lacks for them (chown).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class SandboxFolders
{
    /// <summary>rwxr-xr-x.</summary>
    public const UnixFileMode Shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>rwx--x--x: others may pass through to a folder they own but not list it.</summary>
    public const UnixFileMode PassThrough = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>rwx------.</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> if needed, owned by root, mode <paramref name="mode"/> (default rwxr-xr-x).</summary>
    public static void EnsureRootFolder(string path, UnixFileMode mode = Shared)
    {
        Directory.CreateDirectory(path);
        Chown(path, 0, 0);
        File.SetUnixFileMode(path, mode);
    }

    /// <summary>Creates <paramref name="path"/> owned by <paramref name="uid"/>, mode rwx------.</summary>
    public static void CreateOwned(string path, int uid)
    {
        Directory.CreateDirectory(path);
        Chown(path, uid, uid);
        File.SetUnixFileMode(path, Private);
    }

    /// <summary>Changes the owner of <paramref name="path"/> (not following a symbolic link).</summary>
    /// <exception cref="IOException">The call failed.</exception>
    public static void Chown(string path, int uid, int gid)
    {
        if (Lchown(System.Text.Encoding.UTF8.GetBytes(path + "\0"), uid, gid) != 0)
        {
            throw new IOException($"Could not give '{path}' to uid {uid}: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Lchown(byte[] path, int owner, int group);
}
