using System.Collections.Frozen;

namespace LineGov.Eligibility;

/// <summary>
/// 旧字体 → 新字体 for place names. Our own compilation of the correspondences the 常用漢字表 (内閣告示, 2010) gives in
/// brackets beside each character (the 康熙字典体 still seen in old registers, deeds and signboards), plus a few
/// 異体字 common in place names (﨑 / 嵜 → 崎, 髙 → 高, 嶋 / 嶌 → 島, 邉 / 邊 → 辺, 槇 → 槙, 淵 → 渕). Only used to compare
/// names: what is printed is always the spelling of the address data.
/// </summary>
internal static class OldCharacters
{
    // Pairs of (old, new), one pair per two characters.
    private const string Pairs =
        "亞亜惡悪壓圧圍囲爲為醫医壹壱稻稲飮飲隱隠營営榮栄衞衛驛駅圓円艷艶鹽塩奧奥應応歐欧毆殴櫻桜假仮價価畫画會会繪絵" +
        "壞壊懷懐擴拡殼殻覺覚學学嶽岳樂楽渴渇卷巻陷陥寬寛觀観關関歡歓氣気僞偽戲戯犧犠舊旧據拠擧挙峽峡挾挟狹狭鄕郷" +
        "曉暁區区驅駆勳勲徑径莖茎惠恵溪渓經経螢蛍輕軽繼継鷄鶏藝芸缺欠儉倹劍剣圈圏檢検權権獻献縣県險険顯顕驗験嚴厳" +
        "效効廣広恆恒鑛鉱號号國国黑黒濟済碎砕齋斎劑剤雜雑參参棧桟蠶蚕贊賛殘残絲糸齒歯兒児辭辞濕湿實実舍舎寫写釋釈" +
        "壽寿收収從従澁渋獸獣縱縦肅粛處処緖緒敍叙將将燒焼稱称證証乘乗剩剰壤壌孃嬢條条淨浄疊畳穰穣讓譲釀醸觸触寢寝" +
        "愼慎晉晋眞真盡尽圖図粹粋醉酔隨随髓髄數数樞枢聲声靜静齊斉攝摂竊窃專専淺浅戰戦踐践錢銭潛潜纖繊禪禅雙双壯壮" +
        "爭争莊荘搜捜插挿巢巣總総騷騒增増藏蔵臟臓屬属續続墮堕對対體体帶帯滯滞臺台瀧滝擇択澤沢單単擔担膽胆團団斷断" +
        "彈弾遲遅晝昼蟲虫鑄鋳廳庁聽聴敕勅鎭鎮遞逓鐵鉄轉転點点傳伝黨党盜盗燈灯當当鬭闘德徳獨独讀読屆届貳弐惱悩腦脳" +
        "霸覇廢廃拜拝賣売麥麦發発髮髪拔抜蠻蛮祕秘濱浜甁瓶拂払佛仏竝並變変邊辺邉辺辨弁瓣弁辯弁舖舗步歩寶宝豐豊沒没" +
        "萬万滿満默黙彌弥譯訳藥薬與与豫予餘余譽誉搖揺樣様謠謡來来賴頼亂乱覽覧龍竜兩両獵猟綠緑壘塁淚涙勵励禮礼隸隷" +
        "靈霊齡齢戀恋爐炉勞労樓楼錄録灣湾嶋島嶌島﨑崎嵜崎髙高槇槙淵渕檜桧";

    private static readonly FrozenDictionary<char, char> Table = Build();

    /// <summary>The 新字体 of <paramref name="c"/>, or <paramref name="c"/> itself.</summary>
    public static char ToNew(char c) => c >= '\u4E00' && Table.TryGetValue(c, out var modern) ? modern : c;

    /// <summary>How many pairs the table holds (for tests).</summary>
    internal static int Count => Table.Count;

    private static FrozenDictionary<char, char> Build()
    {
        var table = new Dictionary<char, char>();
        for (var i = 0; i + 1 < Pairs.Length; i += 2)
        {
            table[Pairs[i]] = Pairs[i + 1];
        }

        return table.ToFrozenDictionary();
    }
}
