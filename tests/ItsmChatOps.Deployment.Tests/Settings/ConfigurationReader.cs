using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ItsmChatOps.Deployment.Tests.Settings;

/// <summary>
/// One key (pattern) the code reads, where, whether the app cannot start without it, and whether every
/// key under it counts as read (a section whose children or existence is asked for).
/// </summary>
public sealed record SettingRead(string Key, string Origin, bool Required = false, bool WholeSection = false);

/// <summary>
/// Finds every configuration key an app's source reads, with the compiler's semantic model rather than
/// text search: indexers on <c>IConfiguration</c>, <c>GetValue</c>, <c>GetSection</c> (also through a
/// local or a <c>foreach</c> over <c>GetChildren()</c>), <c>GetConnectionString</c>, and options bound
/// with <c>BindConfiguration</c>/<c>Configure&lt;T&gt;</c>/<c>Bind</c>, expanded property by property.
/// Keys are compile-time constants, so a renamed constant is followed. A call whose key or receiver it
/// cannot resolve is reported as a problem instead of being skipped.
/// </summary>
public sealed class ConfigurationReader
{
    private static readonly string[] ConfigurationTypes =
        ["Microsoft.Extensions.Configuration.IConfiguration", "Microsoft.Extensions.Configuration.IConfigurationSection"];

    private readonly List<SettingRead> reads = [];
    private readonly List<string> problems = [];

    public IReadOnlyList<SettingRead> Reads => reads;

    /// <summary>Calls that look like configuration reads but could not be resolved; the check fails on any.</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>Reads the keys of one app from its sources (path and text), e.g. the app and the shared hosting defaults.</summary>
    public static ConfigurationReader Analyze(IEnumerable<(string Path, string Text)> sources)
    {
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, options, "ImplicitUsings.cs"))
            .ToList();
        var compilation = CSharpCompilation.Create("Analyzed", trees, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var reader = new ConfigurationReader();
        foreach (var tree in trees)
        {
            reader.Visit(compilation.GetSemanticModel(tree), tree.GetRoot());
        }

        return reader;
    }

    /// <summary>The sources of the projects an app is built from (bin and obj excluded).</summary>
    public static IEnumerable<(string Path, string Text)> SourcesOf(params string[] projectDirectories) =>
        projectDirectories.SelectMany(dir => Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(f)));

    private void Visit(SemanticModel model, SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case ElementAccessExpressionSyntax access when IsConfiguration(model.GetTypeInfo(access.Expression).Type):
                    Record(model, access, access.Expression, access.ArgumentList.Arguments.FirstOrDefault()?.Expression);
                    break;
                case InvocationExpressionSyntax call:
                    VisitCall(model, call);
                    RecordLibraryReads(call, model.GetSymbolInfo(call).Symbol, call.Expression is MemberAccessExpressionSyntax m ? m.Name.Identifier.Text : null);
                    break;
                case BaseObjectCreationExpressionSyntax creation:
                    RecordLibraryReads(creation, model.GetSymbolInfo(creation).Symbol?.ContainingType, null);
                    break;
            }
        }
    }

    private void VisitCall(SemanticModel model, InvocationExpressionSyntax call)
    {
        var name = call.Expression switch
        {
            MemberAccessExpressionSyntax m => m.Name.Identifier.Text,
            _ => null,
        };
        if (name is not ("GetValue" or "GetSection" or "GetRequiredSection" or "GetConnectionString" or "BindConfiguration" or "Configure" or "Bind" or "Get"))
        {
            return;
        }

        var symbol = model.GetSymbolInfo(call).Symbol as IMethodSymbol;
        var receiver = ((MemberAccessExpressionSyntax)call.Expression).Expression;
        var container = symbol?.ContainingType.ToDisplayString();
        if (symbol is null)
        {
            if (name is "GetValue" or "GetSection" or "GetRequiredSection" or "BindConfiguration" or "GetConnectionString")
            {
                problems.Add($"{Where(call)}: '{call}' could not be resolved; is a reference missing?");
            }

            return;
        }

        var arguments = call.ArgumentList.Arguments.Select(a => a.Expression).ToList();
        switch (name)
        {
            case "GetValue" when container == "Microsoft.Extensions.Configuration.ConfigurationBinder":
                Record(model, call, ExtensionReceiver(symbol, receiver, arguments), KeyArgument(symbol, arguments));
                break;
            case "GetConnectionString" when container == "Microsoft.Extensions.Configuration.ConfigurationExtensions":
                if (Constant(model, arguments.FirstOrDefault()) is { } connection)
                {
                    reads.Add(new SettingRead($"ConnectionStrings:{connection}", Where(call)));
                }
                break;
            case "GetSection" or "GetRequiredSection" when IsConfiguration(symbol.ContainingType) || container?.StartsWith("Microsoft.Extensions.Configuration", StringComparison.Ordinal) == true:
                if (ConsumesWholeSection(call))
                {
                    RecordSection(model, call, call);
                }
                break;
            case "BindConfiguration" when container == "Microsoft.Extensions.DependencyInjection.OptionsBuilderConfigurationExtensions":
                if (Constant(model, arguments.FirstOrDefault()) is { } section && symbol.TypeArguments.FirstOrDefault() is INamedTypeSymbol options)
                {
                    AddOptions(options, section, Where(call));
                }
                else
                {
                    problems.Add($"{Where(call)}: the section or the options type of '{call}' is not a constant.");
                }
                break;
            case "Configure" when container == "Microsoft.Extensions.DependencyInjection.OptionsConfigurationServiceCollectionExtensions":
                if (symbol.TypeArguments.FirstOrDefault() is INamedTypeSymbol configured && arguments.LastOrDefault() is { } sectionExpression)
                {
                    Bind(model, call, configured, sectionExpression);
                }
                break;
            case "Bind" or "Get" when container == "Microsoft.Extensions.Configuration.ConfigurationBinder":
                var bound = name == "Get" ? symbol.ReturnType as INamedTypeSymbol : model.GetTypeInfo(arguments.LastOrDefault() ?? receiver).Type as INamedTypeSymbol;
                if (bound is not null)
                {
                    Bind(model, call, bound, ExtensionReceiver(symbol, receiver, arguments));
                }
                break;
        }
    }

    private void RecordLibraryReads(SyntaxNode at, ISymbol? symbol, string? methodName)
    {
        var name = symbol switch
        {
            IMethodSymbol method => $"{method.ContainingType.ToDisplayString()}.{method.Name}",
            INamedTypeSymbol type => type.ToDisplayString(),
            _ => methodName,
        };
        foreach (var (api, keys) in LibraryReads.Table.Where(entry => name is not null && (name == entry.Api || name.EndsWith("." + entry.Api, StringComparison.Ordinal))))
        {
            reads.AddRange(keys.Select(key => new SettingRead(key, $"{Where(at)} ({api})")));
        }
    }

    /// <summary>Extension methods called in the static form carry their receiver as the first argument.</summary>
    private static ExpressionSyntax ExtensionReceiver(IMethodSymbol symbol, ExpressionSyntax receiver, List<ExpressionSyntax> arguments) =>
        symbol.ReducedFrom is null && symbol.IsExtensionMethod && arguments.Count > 0 ? arguments[0] : receiver;

    private static ExpressionSyntax? KeyArgument(IMethodSymbol symbol, List<ExpressionSyntax> arguments)
    {
        var parameters = symbol.ReducedFrom is null && symbol.IsExtensionMethod ? symbol.Parameters.Skip(1).ToList() : [.. symbol.Parameters];
        var offset = symbol.ReducedFrom is null && symbol.IsExtensionMethod ? 1 : 0;
        var index = parameters.FindIndex(p => p.Name == "key");
        return index >= 0 && index + offset < arguments.Count ? arguments[index + offset] : null;
    }

    private void Bind(SemanticModel model, SyntaxNode at, INamedTypeSymbol options, ExpressionSyntax section)
    {
        if (Prefix(model, section) is { } prefix)
        {
            AddOptions(options, prefix, Where(at));
        }
        else
        {
            problems.Add($"{Where(at)}: the section bound to {options.Name} cannot be resolved.");
        }
    }

    private void AddOptions(INamedTypeSymbol options, string section, string origin) =>
        reads.AddRange(OptionsShape.Keys(options, section).Select(k => new SettingRead(k.Key, $"{origin} ({options.Name})", k.Required)));

    /// <summary>A section is read as a whole when its children, existence or value are asked for.</summary>
    private static bool ConsumesWholeSection(InvocationExpressionSyntax call) =>
        call.Parent is MemberAccessExpressionSyntax { Name.Identifier.Text: "GetChildren" or "Exists" or "AsEnumerable" or "Value" };

    private void Record(SemanticModel model, SyntaxNode at, ExpressionSyntax receiver, ExpressionSyntax? keyExpression)
    {
        var prefix = Prefix(model, receiver);
        var key = Constant(model, keyExpression);
        if (prefix is null || key is null)
        {
            problems.Add($"{Where(at)}: '{at}' reads a configuration key that is not a constant.");
            return;
        }

        reads.Add(new SettingRead(SettingKey.Join(prefix, key), Where(at)));
    }

    private void RecordSection(SemanticModel model, SyntaxNode at, ExpressionSyntax section)
    {
        if (Prefix(model, section) is { } prefix)
        {
            reads.Add(new SettingRead(prefix, Where(at), WholeSection: true));
        }
        else
        {
            problems.Add($"{Where(at)}: the section of '{at}' is not a constant.");
        }
    }

    /// <summary>The key prefix a configuration expression stands for: "" for the root, the section path otherwise.</summary>
    private static string? Prefix(SemanticModel model, ExpressionSyntax expression)
    {
        switch (expression)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "GetSection" or "GetRequiredSection" } member } call:
                var parent = Prefix(model, member.Expression);
                var key = Constant(model, call.ArgumentList.Arguments.FirstOrDefault()?.Expression);
                return parent is null || key is null ? null : SettingKey.Join(parent, key);
            case IdentifierNameSyntax identifier when model.GetSymbolInfo(identifier).Symbol is ILocalSymbol local:
                return LocalPrefix(model, local);
            default:
                var type = model.GetTypeInfo(expression).Type;
                // A section arriving from elsewhere (a parameter, a field) has a path this reader cannot know.
                return type is not null && IsConfiguration(type) && !IsSection(type) ? string.Empty : null;
        }
    }

    private static string? LocalPrefix(SemanticModel model, ILocalSymbol local)
    {
        var declaration = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        switch (declaration)
        {
            case VariableDeclaratorSyntax { Initializer.Value: { } value }:
                return Prefix(model, value);
            case ForEachStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "GetChildren" } children } }:
                var parent = Prefix(model, children.Expression);
                return parent is null ? null : SettingKey.Join(parent, "*");
            default:
                return null;
        }
    }

    private static string? Constant(SemanticModel model, ExpressionSyntax? expression) =>
        expression is not null && model.GetConstantValue(expression) is { HasValue: true, Value: string value } ? value : null;

    private static bool IsConfiguration(ITypeSymbol? type) =>
        type is not null && (ConfigurationTypes.Contains(type.ToDisplayString()) || type.AllInterfaces.Any(i => ConfigurationTypes.Contains(i.ToDisplayString())));

    private static bool IsSection(ITypeSymbol type) =>
        type.ToDisplayString() == ConfigurationTypes[1] || type.AllInterfaces.Any(i => i.ToDisplayString() == ConfigurationTypes[1]);

    private static string Where(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return $"{Path.GetFileName(span.Path)}:{span.StartLinePosition.Line + 1}";
    }

    /// <summary>The global usings of Microsoft.NET.Sdk.Web projects with ImplicitUsings enabled.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    /// <summary>The framework and the packages the apps use, as loaded by this test (it references the API).</summary>
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        return platform.Concat(local)
            .Where(f => !Path.GetFileName(f).StartsWith("ItsmChatOps.", StringComparison.Ordinal) || Path.GetFileName(f) == "ItsmChatOps.Api.Client.dll")
            .DistinctBy(Path.GetFileName)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToList();
    });
}
