using System.Diagnostics;

namespace ItsmChatOps.AzureHooks;

/// <summary>Stores a value in the current azd environment (.azure/&lt;env&gt;/.env), where main.parameters.json reads it.</summary>
public static class Azd
{
    public static async Task SetAsync(string name, string value)
    {
        var start = new ProcessStartInfo("azd") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "env", "set", name, value })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new HookException("azd could not be started; is it on PATH?");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new HookException($"`azd env set {name}` failed: {errors}");
        }
    }
}
