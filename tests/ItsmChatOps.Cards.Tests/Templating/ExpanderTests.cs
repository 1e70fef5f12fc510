using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Cards.Templating;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests.Templating;

/// <summary>Expander behaviour stated outright, and the syntax it refuses instead of guessing.</summary>
[Collection(NodeCollection.Name)]
public sealed class ExpanderTests(NodeOracle node)
{
    private static JsonNode? Expand(string template, string data) =>
        CardTemplate.Parse(JsonNode.Parse(template)!).Expand(JsonNode.Parse(data));

    [Fact]
    public void Expand_RepeatedElement_IsSplicedIntoParentArray()
    {
        var card = Expand("""{"body":[{"type":"A"},{"$data":"${rows}","text":"${$index}: ${name}"},{"type":"B"}]}""",
            """{"rows":[{"name":"x"},{"name":"y"}]}""");

        JsonAssert.Equal(JsonNode.Parse("""{"body":[{"type":"A"},{"text":"0: x"},{"text":"1: y"},{"type":"B"}]}"""), card);
    }

    [Fact]
    public void Expand_SingleExpression_KeepsItsType()
    {
        var card = Expand("""{"n":"${n}","b":"${b}","o":"${o}","text":"${n} items"}""", """{"n":3,"b":true,"o":{"k":"v"}}""");

        JsonAssert.Equal(JsonNode.Parse("""{"n":3,"b":true,"o":{"k":"v"},"text":"3 items"}"""), card);
    }

    [Fact]
    public void Expand_DataBuiltInCode_ReadsEveryNumberType()
    {
        var template = CardTemplate.Parse(JsonNode.Parse("""{"t":"${i + l + d + m} ${s} ${b}"}""")!);
        var data = new JsonObject { ["i"] = 1, ["l"] = 2L, ["d"] = 0.5, ["m"] = 1.25m, ["s"] = "x", ["b"] = false };

        JsonAssert.Equal(JsonNode.Parse("""{"t":"4.75 x false"}"""), template.Expand(data));
    }

    [Fact]
    public void Expand_UnresolvedPath_IsLeftAsWritten()
    {
        var card = Expand("""{"a":"${missing.name}","b":"Hi ${who}"}""", "{}");

        JsonAssert.Equal(JsonNode.Parse("""{"a":"${missing.name}","b":"Hi ${who}"}"""), card);
    }

    [Fact]
    public void Expand_WhenNotBooleanTrue_DropsElement()
    {
        var card = Expand("""{"a":[{"$when":"${flag}","t":1},{"$when":"${'yes'}","t":2},{"$when":"${missing}","t":3}]}""", """{"flag":true}""");

        JsonAssert.Equal(JsonNode.Parse("""{"a":[{"t":1}]}"""), card);
    }

    [Fact]
    public void Expand_EscapedBinding_IsLiteralText()
    {
        var card = Expand("""{"a":"\\${x} is ${x}"}""", """{"x":5}""");

        JsonAssert.Equal(JsonNode.Parse("""{"a":"${x} is 5"}"""), card);
    }

    [Fact]
    public void Expand_FailingPartOfMixedText_ThrowsWhereTheOfficialEngineWouldPrintIt()
    {
        const string template = """{"a":"Size ${count(n)}"}""";
        const string data = """{"n":5}""";

        var official = node.Expand(JsonNode.Parse(template)!, JsonNode.Parse(data));

        Assert.Equal("Size ${count(n)}", official?["a"]?.GetValue<string>());
        Assert.Throws<TemplateException>(() => Expand(template, data));
    }

    [Theory]
    [InlineData("${items[0]}")]
    [InlineData("${items['a']}")]
    [InlineData("${join(items, x => x)}")]
    [InlineData("${'a' & 'b'}")]
    [InlineData("${2 ^ 3}")]
    [InlineData("${[1, 2]}")]
    [InlineData("${n <> 1}")]
    [InlineData("${formatDateTime(at, 'yyyy')}")]
    [InlineData("${Count(items)}")]
    [InlineData("${a.b(1)}")]
    [InlineData("${if(a, b)}")]
    [InlineData("${count(5)}")]
    [InlineData("${toUpper(1)}")]
    [InlineData("${}")]
    [InlineData("${x")]
    [InlineData("a ` b ${x}")]
    [InlineData("${{a: 1}}")]
    [InlineData("${'open}")]
    [InlineData("${@x}")]
    [InlineData("${$_acTemplateVersion}")]
    public void Parse_UnsupportedSyntax_Throws(string value)
    {
        var template = new JsonObject { ["text"] = value };

        Assert.Throws<TemplateException>(() => CardTemplate.Parse(template));
    }

    [Fact]
    public void Parse_LiteralObjectAsData_Throws()
    {
        var template = JsonNode.Parse("""{"a":{"$data":{"k":1},"t":"${k}"}}""")!;

        Assert.Throws<TemplateException>(() => CardTemplate.Parse(template));
    }

    [Theory]
    [InlineData("""{"a":"v ${x}"}""", """{"x":null}""")]
    [InlineData("""{"a":"${x < 'b'}"}""", """{"x":3}""")]
    [InlineData("""{"a":"${join(x, ',')}"}""", """{"x":"abc"}""")]
    [InlineData("""{"a":"${1 / n}"}""", """{"n":0}""")]
    [InlineData("""{"a":"${toUpper(s)}"}""", """{"s":"ŉ"}""")]
    public void Expand_ValueTheEngineCannotUse_Throws(string template, string data)
    {
        Assert.Throws<TemplateException>(() => Expand(template, data));
    }
}
