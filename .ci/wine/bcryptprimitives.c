/*
 * A stand-in bcryptprimitives.dll for running the Windows test binaries under Wine 8.0.
 *
 * Rust's standard library gets random bytes (HashMap keys, among others) from
 * ProcessPrng in bcryptprimitives.dll, which Wine added only in 9.x; under Wine 8.0 a
 * Rust program does not even start. This DLL exports ProcessPrng and forwards it to
 * advapi32's SystemFunction036 (RtlGenRandom), which Wine 8.0 has. .ci/platforms
 * builds it with mingw-w64 and places it beside the executables; WINEDLLOVERRIDES makes
 * Wine load it instead of its own builtin. It is never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
