using Win32Exception = System.ComponentModel.Win32Exception;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace ItsmChatOps.Api.Tests.Storage;

/// <summary>
/// Runs the Cosmos DB wire-protocol test server (npm <c>@vercel/cosmosdb-server</c>, started through
/// <c>infra/cosmos-emulator/cosmosdb-test-server.js</c>, which completes its change feed) on a free loopback port for one test
/// class, which gets its own database and container. Never skips: a missing Node.js or npm package fails
/// with what to install.
/// </summary>
public sealed class CosmosServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string _databaseName = $"test-{Guid.NewGuid():N}";
    private Process? _server;
    private Task<Container>? _container;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Any base64 string is accepted as the account key.</summary>
    public static string Key { get; } = Convert.ToBase64String("itsm-test-server-key"u8.ToArray());

    public CosmosClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var launcher = FindLauncher();
        var port = FreePort();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var start = new ProcessStartInfo("node", [launcher, "--host", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            _server = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js 20 or later is needed for the Cosmos DB tests: install it (apt-get install -y nodejs npm).", ex);
        }

        _server.OutputDataReceived += (_, e) => Observe(e.Data, output, ready);
        _server.ErrorDataReceived += (_, e) => Observe(e.Data, output, ready);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var exited = _server.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first != ready.Task)
        {
            throw new InvalidOperationException(
                $"The Cosmos DB test server did not report ready within {StartTimeout.TotalSeconds} s{(first == exited ? " (it exited)" : "")}. Output:\n{string.Join('\n', output)}");
        }

        Endpoint = new Uri($"https://127.0.0.1:{port}/");
        Client = CosmosConnection.CreateClient(Options(CreateIfNotExists: false));
        await Client.ReadAccountAsync();
    }

    /// <summary>Options that reach this server the way a developer's configuration would.</summary>
    public CosmosStoreOptions Options(bool CreateIfNotExists) => new()
    {
        Endpoint = Endpoint,
        Key = Key,
        DatabaseName = _databaseName,
        ContainerName = "records",
        CreateIfNotExists = CreateIfNotExists,
        AllowInsecureLoopbackCertificate = true,
    };

    /// <summary>This class's container, created on first use with the indexing policy of the given indexes.</summary>
    public Task<Container> ContainerAsync(IEnumerable<IndexDefinition> indexes) =>
        _container ??= CosmosConnection.EnsureContainerAsync(Client, _databaseName, "records", indexes);

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
    }

    private static void Observe(string? line, System.Collections.Concurrent.ConcurrentQueue<string> output, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (line.StartsWith("Ready to accept", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    /// <summary>The launcher in the repository's <c>infra/cosmos-emulator</c>, whose node_modules holds the server package (the build installs it).</summary>
    private static string FindLauncher()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var emulator = Path.Combine(directory.FullName, "infra", "cosmos-emulator");
            var launcher = Path.Combine(emulator, "cosmosdb-test-server.js");
            if (File.Exists(launcher))
            {
                return File.Exists(Path.Combine(emulator, "node_modules", "@vercel", "cosmosdb-server", "lib", "cli.js"))
                    ? launcher
                    : throw new InvalidOperationException(
                        $"The npm package @vercel/cosmosdb-server is not installed: run `npm ci` in {emulator} (the build does it when npm is on the PATH).");
            }
        }

        throw new InvalidOperationException($"infra/cosmos-emulator/cosmosdb-test-server.js was not found above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
