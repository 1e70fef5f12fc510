using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ItsmChatOps.Deployment.Tests.Settings;

/// <summary>
/// The keys the configuration binder reads for an options class: every public settable property (and
/// getter-only collections), nested classes as sub-sections, collections as <c>Name:*</c>. A property is
/// required when it carries <c>[Required]</c> and has no initializer, so binding without it fails validation.
/// </summary>
public static class OptionsShape
{
    public static IEnumerable<(string Key, bool Required)> Keys(INamedTypeSymbol type, string section) => Keys(type, section, depth: 0);

    private static IEnumerable<(string Key, bool Required)> Keys(INamedTypeSymbol type, string section, int depth)
    {
        if (depth > 5)
        {
            yield break;
        }

        foreach (var property in Properties(type))
        {
            var key = SettingKey.Join(section, property.Name);
            var required = property.GetAttributes().Any(a => a.AttributeClass?.Name == "RequiredAttribute") && !HasInitializer(property);
            if (ElementType(property.Type) is { } element)
            {
                var items = SettingKey.Join(key, "*");
                if (IsComplex(element))
                {
                    foreach (var nested in Keys((INamedTypeSymbol)element, items, depth + 1))
                    {
                        yield return nested;
                    }
                }
                else
                {
                    yield return (items, required);
                }
            }
            else if (IsComplex(property.Type))
            {
                foreach (var nested in Keys((INamedTypeSymbol)property.Type, key, depth + 1))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return (key, required);
            }
        }
    }

    private static IEnumerable<IPropertySymbol> Properties(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IPropertySymbol>()
            .Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && !p.IsIndexer)
            .Where(p => p.SetMethod is { DeclaredAccessibility: Accessibility.Public } || ElementType(p.Type) is not null);

    /// <summary>The item type of an array, list or set (dictionaries bind by key, which is an item too).</summary>
    private static ITypeSymbol? ElementType(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol { IsGenericType: true } named when named.ToDisplayString() != "string"
            && named.AllInterfaces.Concat([named]).Any(i => i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IEnumerable<T>")
            => named.TypeArguments.Last(),
        _ => null,
    };

    private static bool IsComplex(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class } named
        && named.SpecialType == SpecialType.None
        && named.ContainingNamespace?.ToDisplayString().StartsWith("System", StringComparison.Ordinal) != true;

    private static bool HasInitializer(IPropertySymbol property) =>
        property.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<PropertyDeclarationSyntax>().Any(p => p.Initializer is not null);
}
