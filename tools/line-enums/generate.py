#!/usr/bin/env python3
"""Regenerates Models/LineEnums.cs and Flex/FlexEnums.cs: the service-extensible string enumerations of LINE's
OpenAPI specs as readonly structs (any value parses; known values have names).

Run from the repository root:  python3 tools/line-enums/generate.py   (needs PyYAML)"""
import os, re, yaml

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
spec = yaml.safe_load(open(os.path.join(root, 'tests', 'data', 'line-openapi', 'messaging-api.yml'), encoding='utf-8'))
area = spec['components']['schemas']['AreaDemographic']
descs = {d.split(':')[0]: d.split(':',1)[1].strip() for d in area['x-enum-descriptions']}
def pascal(s):
    parts = re.split(r'[_\-]', s)
    out = ''.join(p[:1].upper() + p[1:].lower() if p.isupper() else p[:1].upper() + p[1:] for p in parts)
    return out
def area_values():
    # x-enum-varnames is out of step with enum for id_05..id_12 (LAINNYA is listed last but is id_05): name by the descriptions.
    return [(v, re.sub(r'[^A-Za-z]', '', ''.join(w[:1].upper() + w[1:] for w in descs[v].split('//')[1].split())), descs[v]) for v in area['enum']]

def gen(ns, name, doc, values, specref):
    lines = []
    lines.append(f'/// <summary>{doc} (<c>{specref}</c>). Values LINE adds later parse too; compare with the known values below.</summary>')
    lines.append(f'[JsonConverter(typeof(LineEnumJsonConverter<{name}>))]')
    lines.append(f'public readonly struct {name} : IEquatable<{name}>, ILineEnum<{name}>')
    lines.append('{')
    lines.append('    private readonly string? _value;')
    lines.append('')
    lines.append('    /// <summary>Wraps a value as LINE spells it, known or not.</summary>')
    lines.append(f'    public {name}(string value)')
    lines.append('    {')
    lines.append('        ArgumentNullException.ThrowIfNull(value);')
    lines.append('        _value = value;')
    lines.append('    }')
    for v in values:
        json, prop, d = v
        lines.append('')
        text = f'<c>{json}</c>' + (f': {d}' if d else '.')
        lines.append(f'    /// <summary>{text}</summary>')
        lines.append(f'    public static {name} {prop} {{ get; }} = new("{json}");')
    lines.append('')
    lines.append('    /// <summary>The value as LINE spells it.</summary>')
    lines.append('    public string Value => _value ?? string.Empty;')
    lines.append('')
    lines.append('    /// <summary>Whether two values are the same (ordinal).</summary>')
    lines.append(f'    public static bool operator ==({name} left, {name} right) => left.Equals(right);')
    lines.append('')
    lines.append('    /// <summary>Whether two values differ (ordinal).</summary>')
    lines.append(f'    public static bool operator !=({name} left, {name} right) => !left.Equals(right);')
    lines.append('')
    lines.append('    /// <inheritdoc />')
    lines.append(f'    public bool Equals({name} other) => string.Equals(Value, other.Value, StringComparison.Ordinal);')
    lines.append('')
    lines.append('    /// <inheritdoc />')
    lines.append(f'    public override bool Equals(object? obj) => obj is {name} other && Equals(other);')
    lines.append('')
    lines.append('    /// <inheritdoc />')
    lines.append('    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);')
    lines.append('')
    lines.append('    /// <summary>The value as LINE spells it.</summary>')
    lines.append('    public override string ToString() => Value;')
    lines.append('')
    lines.append(f'    static {name} ILineEnum<{name}>.Create(string value) => new(value);')
    lines.append('}')
    return '\n'.join(lines)

def simple(vals, docs=None):
    return [(v, pascal(v) if not re.match(r'^\d', v) else 'X' + v, (docs or {}).get(v)) for v in vals]

messaging = [
 ('QuotaType', 'Whether a monthly target limit is set', simple(['none','limited'], {'none':'no target limit is set','limited':'a target limit is set'}), 'QuotaType'),
 ('NarrowcastPhase', 'The phase of a narrowcast', simple(['waiting','sending','succeeded','failed'], {'waiting':'not yet ready to be sent (filtering or processing)','sending':'being sent','succeeded':'sent (not necessarily received)','failed':'failed; see the failed description and error code'}), 'NarrowcastProgressResponse.phase'),
 ('ContentTranscodingStatus', 'Whether a video or audio sent by a user is ready to download', simple(['processing','succeeded','failed']), 'GetMessageContentTranscodingResponse.status'),
 ('DatetimePickerMode', 'What a datetime picker action asks for', simple(['date','time','datetime']), 'DatetimePickerAction.mode'),
 ('PostbackInputOption', 'What the chat shows after a postback action', simple(['closeRichMenu','openRichMenu','openKeyboard','openVoice']), 'PostbackAction.inputOption'),
 ('AgeDemographic', 'An age bound of a narrowcast age filter', [(v, 'Age' + v.split('_')[1], None) for v in spec['components']['schemas']['AgeDemographic']['enum']], 'AgeDemographic'),
 ('AppTypeDemographic', 'The OS of a narrowcast app-type filter', simple(['ios','android']), 'AppTypeDemographic'),
 ('AreaDemographic', 'A region of a narrowcast area filter (都道府県 for Japan)', area_values(), 'AreaDemographic'),
 ('GenderDemographic', 'A gender of a narrowcast gender filter', simple(['male','female']), 'GenderDemographic'),
 ('SubscriptionPeriodDemographic', 'A friendship-duration bound of a narrowcast filter', [(v, 'Day' + v.split('_')[1], None) for v in spec['components']['schemas']['SubscriptionPeriodDemographic']['enum']], 'SubscriptionPeriodDemographic'),
 ('AudienceGroupType', 'How an audience was made', simple(['UPLOAD','CLICK','IMP','CHAT_TAG','FRIEND_PATH','RESERVATION','APP_EVENT','VIDEO_VIEW','WEBTRAFFIC','IMAGE_CLICK','RICHMENU_IMP','RICHMENU_CLICK','POP_AD_IMP','TRACKINGTAG_WEBTRAFFIC']), 'AudienceGroupType'),
 ('AudienceGroupStatus', 'The state of an audience', simple(['IN_PROGRESS','READY','FAILED','EXPIRED','INACTIVE','ACTIVATING']), 'AudienceGroupStatus'),
 ('AudienceGroupFailedType', 'Why an audience failed', simple(['AUDIENCE_GROUP_AUDIENCE_INSUFFICIENT','INTERNAL_ERROR']), 'AudienceGroupFailedType'),
 ('AudienceGroupPermission', 'What this channel may do with an audience', simple(['READ','READ_WRITE']), 'AudienceGroupPermission'),
 ('AudienceGroupCreateRoute', 'Where an audience was created', simple(['OA_MANAGER','MESSAGING_API','POINT_AD','AD_MANAGER']), 'AudienceGroupCreateRoute'),
 ('AudienceGroupJobType', 'The kind of an audience upload job', simple(['DIFF_ADD']), 'AudienceGroupJobType'),
 ('AudienceGroupJobStatus', 'The state of an audience upload job', simple(['QUEUED','WORKING','FINISHED','FAILED']), 'AudienceGroupJobStatus'),
 ('AudienceGroupJobFailedType', 'Why an audience upload job failed', simple(['INTERNAL_ERROR','AUDIENCE_GROUP_AUDIENCE_INSUFFICIENT']), 'AudienceGroupJobFailedType'),
]
flex = [
 ('FlexLayout', 'How a box lays out its children', simple(['horizontal','vertical','baseline']), 'FlexBox.layout'),
 ('FlexPosition', 'What a component\'s offsets are relative to', simple(['relative','absolute']), 'FlexComponent.position'),
 ('FlexAlign', 'Horizontal alignment', simple(['start','end','center']), 'FlexText.align'),
 ('FlexGravity', 'Vertical alignment', simple(['top','bottom','center']), 'FlexText.gravity'),
 ('FlexWeight', 'Font weight', simple(['regular','bold']), 'FlexText.weight'),
 ('FlexFontStyle', 'Font style', simple(['normal','italic']), 'FlexText.style'),
 ('FlexDecoration', 'Text decoration', simple(['none','underline','line-through']), 'FlexText.decoration'),
 ('FlexButtonStyle', 'Button style', simple(['primary','secondary','link']), 'FlexButton.style'),
 ('FlexButtonHeight', 'Button height', simple(['md','sm']), 'FlexButton.height'),
 ('FlexAspectMode', 'How an image fills its aspect ratio', simple(['fit','cover']), 'FlexImage.aspectMode'),
 ('FlexAdjustMode', 'How text shrinks to fit', simple(['shrink-to-fit']), 'FlexText.adjustMode'),
 ('FlexJustifyContent', 'How a box distributes free space along its main axis', simple(['center','flex-start','flex-end','space-between','space-around','space-evenly']), 'FlexBox.justifyContent'),
 ('FlexAlignItems', 'How a box aligns children along its cross axis', simple(['center','flex-start','flex-end']), 'FlexBox.alignItems'),
 ('FlexBubbleSize', 'The width of a bubble', simple(['nano','micro','deca','hecto','kilo','mega','giga']), 'FlexBubble.size'),
 ('FlexDirection', 'Text direction of a bubble', [('ltr','LeftToRight','left to right'),('rtl','RightToLeft','right to left')], 'FlexBubble.direction'),
]
hdr = lambda ns: f'// <auto-generated>Generated by tools/line-enums/generate.py from the enumerations of messaging-api.yml and manage-audience.yml; edit the generator, not this file.</auto-generated>\n#nullable enable\nusing System.Text.Json.Serialization;\n\nnamespace {ns};\n\n'
open(os.path.join(root, 'src', 'LineGov.Messaging', 'Models', 'LineEnums.cs'), 'w', encoding='utf-8').write(hdr('LineGov.Messaging') + '\n\n'.join(gen('LineGov.Messaging', *m) for m in messaging) + '\n')
open(os.path.join(root, 'src', 'LineGov.Messaging', 'Flex', 'FlexEnums.cs'), 'w', encoding='utf-8').write(hdr('LineGov.Messaging.Flex') + '\n\n'.join(gen('LineGov.Messaging.Flex', *m) for m in flex) + '\n')
