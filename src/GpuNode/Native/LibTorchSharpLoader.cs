using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Daft.GpuNode.Native;

/// <summary>
/// Makes TorchSharp 0.107's <c>libLibTorchSharp.so</c> load on systems whose libstdc++ is older than GCC 13
/// (Debian 12 ships GLIBCXX_3.4.30; the library asks for GLIBCXX_3.4.32).
/// </summary>
/// <remarks>
/// The only symbol bound to GLIBCXX_3.4.32 is <c>std::ios_base_library_init()</c>, which GCC 13's
/// <c>&lt;iostream&gt;</c> emits as a bare reference with no relocation: nothing ever binds to it. Marking that one
/// version requirement weak (<c>VER_FLG_WEAK</c> in its ELF <c>Vernaux</c> entry) makes glibc treat its absence as
/// non-fatal. Where the system library has the version, the flag changes nothing; where the file is already
/// patched, nothing is written. The check runs on every start because <c>dotnet build</c> copies the original
/// file back whenever the package copy is newer. See shared/reference/torchsharp-feasibility.md.
/// </remarks>
public static class LibTorchSharpLoader
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;
    static readonly byte[] Wanted = Encoding.ASCII.GetBytes("GLIBCXX_3.4.32");
    static readonly Lock Gate = new();
    static string? _outcome;

    /// <summary>What the last <see cref="EnsurePatched"/> found: patched, already patched, not applicable...</summary>
    public static string Outcome => _outcome ?? EnsurePatched();

#pragma warning disable CA2255 // a module initializer is the point: it must run before any TorchSharp type loads
    [ModuleInitializer]
    internal static void Init() => EnsurePatched();
#pragma warning restore CA2255

    /// <summary>Patches the copy of libLibTorchSharp.so that this process will load, once per process.</summary>
    public static string EnsurePatched()
    {
        lock (Gate)
        {
            if (_outcome is not null)
                return _outcome;
            var dir = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
            _outcome = Patch(Path.Combine(dir, "libLibTorchSharp.so"));
            return _outcome;
        }
    }

    /// <summary>Marks the GLIBCXX_3.4.32 requirement of the ELF file at <paramref name="path"/> weak.</summary>
    public static string Patch(string path)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(path))
            return "not applicable";
        var data = File.ReadAllBytes(path);
        var offset = FindRequirementFlags(data);
        if (offset < 0)
            return "no GLIBCXX_3.4.32 requirement";
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset));
        if ((flags & VerFlgWeak) != 0)
            return "already patched";
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(offset), (ushort)(flags | VerFlgWeak));
        // Write beside and rename, so a concurrent loader never sees a half-written library.
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temp, data);
        File.Move(temp, path, overwrite: true);
        return "patched";
    }

    /// <summary>Byte offset of the vna_flags field of the GLIBCXX_3.4.32 Vernaux entry, or -1.</summary>
    internal static int FindRequirementFlags(ReadOnlySpan<byte> elf)
    {
        // ELF64 little-endian only: e_ident[EI_CLASS] = 2, e_ident[EI_DATA] = 1.
        if (elf.Length < 0x40 || elf[0] != 0x7f || elf[4] != 2 || elf[5] != 1)
            return -1;
        var shoff = (int)BinaryPrimitives.ReadInt64LittleEndian(elf[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        for (var i = 0; i < shnum; i++)
        {
            var sh = elf[(shoff + i * shentsize)..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != ShtGnuVerneed)
                continue;
            var verneed = (int)BinaryPrimitives.ReadInt64LittleEndian(sh[0x18..]);
            var link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]);
            var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[0x2C..]);
            var strtab = (int)BinaryPrimitives.ReadInt64LittleEndian(elf[(shoff + link * shentsize + 0x18)..]);
            var need = verneed;
            for (var v = 0; v < count; v++)
            {
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(elf[(need + 2)..]);
                var aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(need + 8)..]);
                for (var k = 0; k < auxCount; k++)
                {
                    var name = strtab + (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(aux + 8)..]);
                    var s = elf[name..];
                    if (s.Length > Wanted.Length && s[..Wanted.Length].SequenceEqual(Wanted) && s[Wanted.Length] == 0)
                        return aux + 4;
                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(aux + 12)..]);
                }
                need += (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(need + 12)..]);
            }
        }
        return -1;
    }
}
