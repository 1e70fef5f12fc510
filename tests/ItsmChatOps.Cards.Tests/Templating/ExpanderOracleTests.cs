using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Cards.Templating;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests.Templating;

/// <summary>The C# expander against adaptivecards-templating 2.3.1 on the cases where engines tend to differ.</summary>
[Collection(NodeCollection.Name)]
public sealed class ExpanderOracleTests(NodeOracle node)
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "nested $data scopes", """{"a":{"$data":"${outer}","b":[{"$data":"${items}","t":"${name}-${$index}-${label}"}]}}""", """{"outer":{"label":"L","items":[{"name":"x"},{"name":"y"}]}}""" },
        { "string array with ${$data}", """{"list":[{"type":"TextBlock","$data":"${tags}","text":"${$data}"}]}""", """{"tags":["vpn","wifi"]}""" },
        { "$index in nested repeats", """{"rows":[{"$data":"${rows}","i":"${$index}","cells":[{"$data":"${cells}","j":"${$index}"}],"after":"${$index}"}]}""", """{"rows":[{"cells":[1,2]},{"cells":[3]}]}""" },
        { "$root inside repeats", """{"x":[{"$data":"${items}","t":"${$root.title}: ${name}","n":"${$root.count}"}]}""", """{"title":"T","count":3,"items":[{"name":"a"},{"name":"b"}]}""" },
        { "$index outside a repeat", """{"i":"${$index}","j":"at ${$index}"}""", """{}""" },
        { "$data without $data", """{"all":"${$data}","x":"${$data.x}"}""", """{"x":1}""" },
        { "$when true, false and non-boolean", """{"a":[{"$when":"${b}","t":1},{"$when":"${!b}","t":2},{"$when":"${1}","t":3},{"$when":"${true}","t":4},{"$when":"${'true'}","t":5},{"$when":"${missing}","t":6},{"$when":"x ${b}","t":7}]}""", """{"b":true}""" },
        { "$when literals", """{"a":[{"$when":"true","t":1},{"$when":true,"t":2},{"$when":false,"t":3},{"$when":"","t":4},{"$when":0,"t":5},{"$when":null,"t":6}]}""", """{}""" },
        { "$when per repetition", """{"a":[{"$data":"${items}","$when":"${n > 1}","n":"${n}"}]}""", """{"items":[{"n":1},{"n":2},{"n":3}]}""" },
        { "dropped property object becomes null", """{"a":{"$when":"${false}","t":1},"b":{"$data":"${empty}","t":2},"c":{"$data":"${two}","t":"${$data}"}}""", """{"empty":[],"two":[1,2]}""" },
        { "unresolved paths stay verbatim", """{"a":"${missing}","b":"Hi ${missing}!","c":"${a.b.c}","d":"${user.name}","e":"${$host.x}","f":"${$root.nope}"}""", """{"user":{}}""" },
        { "unresolved paths inside functions", """{"a":"${toUpper(missing)}","b":"${count(missing)}","c":"${missing ?? 'd'}","d":"${if(missing, 'y', 'n')}","e":"${concat('a', missing)}","f":"${coalesce(missing, 'd')}","g":"${exists(missing)}","h":"${empty(missing)}"}""", """{}""" },
        { "null values", """{"a":"${x}","b":"${x ?? 'd'}","c":"${exists(x)}","d":"${x == null}","e":"${x.y}","f":"${if(x, 1, 2)}"}""", """{"x":null}""" },
        { "typed single expressions", """{"n":"${n}","b":"${b}","o":"${o}","arr":"${arr}","s":"${'${'}","k":"${5}","t":"${true}"}""", """{"n":2.5,"b":false,"o":{"p":[1,{"q":null}]},"arr":[1,"a"]}""" },
        { "values in mixed text", """{"t":"n=${n} b=${b} o=${o} arr=${arr} big=${big} tiny=${tiny} small=${small} neg=${neg} int=${int} e15=${e15}"}""", """{"n":2.5,"b":true,"o":{"p":1},"arr":[1,"a",[2,3],null],"big":1e21,"tiny":1e-7,"small":0.000001,"neg":-0.5,"int":123456789012,"e15":1e15}""" },
        { "arrays splice and drop nulls", """{"a":[[1,2],null,3,"${arr}",{"$data":"${arr}","v":"${$data}"}]}""", """{"arr":[4,5]}""" },
        { "escapes", """{"a":"\\${x}","b":"\\\\${x}","c":"cost \\$5 and ${x}","d":"tick \\` and ${x}","e":"C:\\temp\\${x}"}""", """{"x":7}""" },
        { "strings inside expressions", """{"a":"${'it\\'s'}","b":"${\"say \\\"hi\\\"\"}","c":"${'tab\\there'}","d":"${'{braces}'}","e":"${ x }"}""", """{"x":1}""" },
        { "case-insensitive names", """{"a":"${Summary}","b":"${INCIDENT.Number}","c":"${$ROOT.summary}"}""", """{"summary":"s","incident":{"number":"INC-1"}}""" },
        { "reserved fields are stripped", """{"$root":"r","$index":1,"$host":"h","$_acTemplateVersion":"v","k":"${x}"}""", """{"x":1}""" },
        { "$data forms", """{"a":{"$data":"plain","t":"${$data}"},"b":{"$data":"${s}","t":"${$data}"},"c":{"$data":null,"t":"${$data}"},"d":{"$data":"${missing}","t":"${$data}"},"e":{"$data":"${o}","t":"${k}"}}""", """{"s":"str","o":{"k":"v"}}""" },
        { "logic", """{"a":"${not(count(num))}","b":"${and(x, count(num))}","c":"${or(count(num), x)}","d":"${!x}","e":"${x && !y || z}","f":"${if(0, 'y', 'n')}","g":"${if('', 'y', 'n')}"}""", """{"x":true,"y":false,"z":false,"num":5}""" },
        { "comparisons", """{"a":"${n > 2}","b":"${n <= 3}","c":"${s < 't'}","d":"${'B' < 'a'}","e":"${n == 3.0}","f":"${'1' == 1}","g":"${l == [1,2]}","h":"${equals(o, p)}","i":"${n != 4}","k":"${equals(l, m)}"}""".Replace("[1,2]", "m", StringComparison.Ordinal), """{"n":3,"s":"sa","l":[1,2],"m":[1,2],"o":{"a":1,"b":[2]},"p":{"b":[2],"a":1}}""" },
        { "arithmetic", """{"a":"${1/2}","b":"${7/2}","c":"${7.5/2}","d":"${-3 % 2}","e":"${1 + 2 * 3}","f":"${'a' + 1}","g":"${n + 1}","h":"${2 - 3 - 4}","i":"${add(1, 2, 3)}","j":"${-n}","k":"${+n}","l":"${$index + 1}","m":"${0.1 + 0.2}"}""", """{"n":4}""" },
        { "text functions", """{"a":"${join(l, ', ')}","b":"${join(l, ', ', ' and ')}","c":"${join(two, ', ', ' and ')}","d":"${toUpper(s)}","e":"${toLower('ÀB')}","f":"${count(s)}","g":"${count(l)}","h":"${count(o)}","i":"${join(n, '-')}","j":"${join(mixed, '|')}"}""", """{"l":["a","b","c"],"two":["x","y"],"s":"Straße","o":{"a":1,"b":2},"n":[1,2.5,true],"mixed":[null,"x",[1,2],{"k":1}]}""" },
        { "concat", """{"a":"${concat('a', 'b', 'c')}","b":"${concat(l, m)}","c":"${concat(l)}","d":"${concat('x', o)}","e":"${coalesce(concat(nothing, l))}","f":"n=${concat('a', 1)}","g":"${concat(1, true)}"}""", """{"l":[1],"m":[2,3],"o":{"k":"v"},"nothing":null}""" },
        { "conditional operator", """{"a":"${b ? 'yes' : 'no'}","b":"${b ? 1 : c ? 2 : 3}","c":"${false ? 'x' : 'y'} and ${n > 1 ? n : 0}"}""", """{"b":false,"c":true,"n":5}""" },
        { "engine refuses: null in mixed text", """{"a":"v ${x}"}""", """{"x":null}""" },
        { "engine refuses: null part of a concat", """{"a":"${concat(x, 'b')}"}""", """{"x":null}""" },
        { "engine refuses: constant of the wrong kind", """{"a":"${count(5)}"}""", """{}""" },
        { "engine refuses: <> has no function", """{"a":"${n <> 3}"}""", """{"n":1}""" },
        { "engine refuses: unknown function", """{"a":"${nope(1)}"}""", """{}""" },
        { "engine refuses: bad syntax", """{"a":"${1 +}"}""", """{}""" },
        { "whole-card shape", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"${title}","wrap":true},{"type":"FactSet","facts":[{"$data":"${facts}","title":"${k}","value":"${v}"}]}],"actions":[{"type":"Action.Execute","$when":"${canAct}","verb":"x.y","data":{"id":"${id}","n":"${n}"}}]}""", """{"title":"T","facts":[{"k":"a","v":"1"},{"k":"b","v":"2"}],"canAct":true,"id":"42","n":7}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expand_TrickyCase_MatchesOfficialEngine(string name, string template, string data)
    {
        var templateJson = JsonNode.Parse(template)!;
        var dataJson = JsonNode.Parse(data);

        var expected = node.TryExpand(templateJson, dataJson);

        Assert.False(string.IsNullOrEmpty(name));
        if (expected.Thrown is not null)
        {
            Assert.Throws<TemplateException>(() => CardTemplate.Parse(templateJson).Expand(dataJson));
        }
        else
        {
            JsonAssert.Equal(expected.Result, CardTemplate.Parse(templateJson).Expand(dataJson));
        }
    }
}
