using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace WasmPerfDiff.Runtimes.Install;

/// <summary>Bounds on a download: time to connect, and the longest wait for the next bytes (headers or body) before giving up.</summary>
public sealed record DownloadLimits(TimeSpan Connect, TimeSpan Idle, int MaxRedirects = 5)
{
    public static readonly DownloadLimits Default = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
}

/// <summary>
/// Fetches one file: over HTTP(S) with bounded connect and idle time and a bounded number of redirects,
/// or from a local mirror folder; streamed to a file while its SHA-256 is computed. Every failure is one
/// line (<see cref="BadInputException"/>) and leaves the destination file deleted.
/// </summary>
public static class Downloads
{
    /// <summary>Writes <paramref name="source"/> to <paramref name="destination"/>; returns the SHA-256 (lower-case hex) of what arrived.</summary>
    public static async Task<string> FetchAsync(string source, string destination, DownloadLimits limits, IProgress<InstallProgress>? progress, CancellationToken cancel)
    {
        try
        {
            return IsLocal(source, out var path)
                ? await CopyLocalAsync(path, destination, progress, cancel)
                : await HttpAsync(new Uri(source), destination, limits, progress, cancel);
        }
        catch
        {
            try { File.Delete(destination); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>True for a local folder or <c>file://</c> mirror (an air-gapped site's copy of the assets).</summary>
    public static bool IsLocal(string source, out string path)
    {
        if (source.StartsWith("file://", StringComparison.OrdinalIgnoreCase)) { path = new Uri(source).LocalPath; return true; }
        path = source;
        return !source.Contains("://", StringComparison.Ordinal);
    }

    private static async Task<string> CopyLocalAsync(string path, string destination, IProgress<InstallProgress>? progress, CancellationToken cancel)
    {
        if (Host.FileFacts.Of(path) is null) throw new BadInputException($"mirror has no {path}");
        await using var input = Host.InputFile.OpenRead(path, "Mirror", "mirrored archive", long.MaxValue);
        return await CopyHashingAsync(input, input.Length, destination, path, TimeSpan.FromMinutes(10), progress, cancel);
    }

    private static async Task<string> HttpAsync(Uri url, string destination, DownloadLimits limits, IProgress<InstallProgress>? progress, CancellationToken cancel)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = limits.Connect,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = limits.MaxRedirects,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("wasm-perfdiff-runtime-install/1");
        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        headers.CancelAfter(limits.Connect + limits.Idle);
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, headers.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new BadInputException($"{url}: no answer within {(limits.Connect + limits.Idle).TotalSeconds:0} s (timeout)");
        }
        catch (HttpRequestException e)
        {
            throw new BadInputException($"{url}: {Describe(e)}");
        }
        using (response)
        {
            if ((int)response.StatusCode is >= 300 and < 400)
                throw new BadInputException($"{url}: redirect not followed (HTTP {(int)response.StatusCode} to {response.Headers.Location}: more than {limits.MaxRedirects} redirects, or from https to http)");
            if (!response.IsSuccessStatusCode)
                throw new BadInputException($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            await using var body = await response.Content.ReadAsStreamAsync(cancel);
            return await CopyHashingAsync(body, response.Content.Headers.ContentLength, destination, url.ToString(), limits.Idle, progress, cancel);
        }
    }

    private static async Task<string> CopyHashingAsync(Stream input, long? length, string destination, string what, TimeSpan idle,
        IProgress<InstallProgress>? progress, CancellationToken cancel)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long done = 0;
        var lastReport = Environment.TickCount64;
        var name = Path.GetFileName(what);
        progress?.Report(new InstallProgress("download", name, 0, length, IsBytes: true));
        await using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            while (true)
            {
                int read;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                wait.CancelAfter(idle);
                try
                {
                    read = await input.ReadAsync(buffer, wait.Token);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    throw new BadInputException($"{what}: no data for {idle.TotalSeconds:0} s after {done:N0} bytes (timeout)");
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    throw new BadInputException($"{what}: truncated: the transfer broke after {done:N0}{(length is null ? "" : $" of {length:N0}")} bytes ({e.Message.Split('\n')[0].TrimEnd('.')})");
                }
                if (read == 0) break;
                sha.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancel);
                done += read;
                if (Environment.TickCount64 - lastReport > 100)
                {
                    progress?.Report(new InstallProgress("download", name, done, length, IsBytes: true));
                    lastReport = Environment.TickCount64;
                }
            }
        }
        if (length is { } expected && done != expected)
            throw new BadInputException($"{what}: truncated: {done:N0} of {expected:N0} bytes arrived");
        progress?.Report(new InstallProgress("download", name, done, length ?? done, IsBytes: true));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Describe(HttpRequestException e)
    {
        if (e.InnerException is SocketException s)
            return s.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused (is the server or mirror up?)",
                SocketError.HostNotFound or SocketError.NoData => "host not found (no network, or set a mirror with --mirror / $WASM_PERFDIFF_MIRROR)",
                SocketError.TimedOut => "connection timed out",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable (set a mirror with --mirror / $WASM_PERFDIFF_MIRROR)",
                _ => $"cannot connect ({s.SocketErrorCode})",
            };
        if (e.InnerException is TimeoutException or TaskCanceledException) return "connection timed out";
        return e.Message.Split('\n')[0];
    }
}
