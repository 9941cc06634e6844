//! Furniture classification, one row per case. All lines here are made up for these tests.

use rasd_read::{classify_lines, Furniture, Furniture::*, Line};

fn kinds(text: &str) -> Vec<(String, Option<Furniture>)> {
    let chars: Vec<char> = text.chars().collect();
    classify_lines(text)
        .iter()
        .map(|l: &Line| {
            (
                chars[l.start..l.end].iter().collect::<String>(),
                l.furniture,
            )
        })
        .collect()
}

/// A line on its own: (line, expected kind).
const SINGLE: &[(&str, Option<Furniture>)] = &[
    // breadcrumbs
    ("الرئيسية > أخبار > الشرق الأوسط", Some(Breadcrumb)),
    ("الصفحة الرئيسية » اقتصاد » أسواق المال", Some(Breadcrumb)),
    ("الصفحة الرئيسية >> عربي ودولي", Some(Breadcrumb)),
    ("Home / World / Middle East", Some(Breadcrumb)),
    (
        "الرئيسية - عربي ودولي - وزير الخارجية يصل إلى عمان في زيارة رسمية",
        Some(Breadcrumb),
    ),
    ("أخبار | سياسة | الخليج", Some(Breadcrumb)),
    ("محليات › الرياض › التعليم", Some(Breadcrumb)),
    ("أخبار › سياسة", Some(Breadcrumb)),
    ("مصر / سوريا", None),
    // most read and related headings
    ("الأكثر قراءة", Some(MostRead)),
    ("الأكثر مشاهدة", Some(MostRead)),
    ("الأخبار الأكثر مشاهدة اليوم", Some(MostRead)),
    ("الأكثر تداولاً", Some(MostRead)),
    ("مواضيع ذات صلة", Some(Related)),
    ("أخبار ذات صلة:", Some(Related)),
    ("شاهد أيضاً", Some(Related)),
    ("اقرأ المزيد", Some(Related)),
    ("قد يهمك أيضاً", Some(Related)),
    // read also
    (
        "اقرأ أيضاً: البرلمان يصادق على موازنة العام المقبل",
        Some(ReadAlso),
    ),
    ("إقرأ أيضا", Some(ReadAlso)),
    (
        "اقرأ كذلك.. ارتفاع أسعار القمح في الأسواق العالمية",
        Some(ReadAlso),
    ),
    // counters
    ("342 مشاهدة", Some(Counter)),
    ("عدد القراءات: 1,204", Some(Counter)),
    ("المشاهدات: 5K", Some(Counter)),
    ("زيارات 88", Some(Counter)),
    ("hit counter", Some(Counter)),
    ("وقت القراءة: 3 دقائق", Some(Counter)),
    // comment boxes
    ("أضف تعليقاً", Some(Comments)),
    ("التعليقات (4)", Some(Comments)),
    ("12 تعليق", Some(Comments)),
    ("لا توجد تعليقات بعد", Some(Comments)),
    ("كن أول من يعلق على هذا الخبر", Some(Comments)),
    ("لن يتم نشر عنوان بريدك الإلكتروني.", Some(Comments)),
    ("الاسم *", Some(Comments)),
    // social
    ("تابعونا على فيسبوك وتويتر", Some(Social)),
    ("انضموا إلى قناتنا على تيليغرام", Some(Social)),
    (
        "https://example.com/news/2024/05/12/article-123",
        Some(Social),
    ),
    (
        "لمتابعة آخر الأخبار عبر واتساب اضغط على الرابط https://wa.me/000",
        Some(Social),
    ),
    ("شارك: فيسبوك واتساب تويتر", Some(Social)),
    (
        "حمّلوا تطبيقنا لتصلكم الأخبار العاجلة على هواتفكم",
        Some(Social),
    ),
    ("تابعوا آخر المستجدات على حسابنا في إنستغرام", Some(Social)),
    // agency sign-offs
    ("(انتهى)", Some(SignOff)),
    ("-- يتبع --", Some(SignOff)),
    ("/ انتهى /", Some(SignOff)),
    ("ح.م/ س.ع", Some(SignOff)),
    ("النهاية", Some(SignOff)),
    ("/انتهى/ ع ا", Some(SignOff)),
    ("وام/ع ا/ز م", Some(SignOff)),
    ("(م.ع)", Some(SignOff)),
    // bare times and dates
    ("09:45 ت غ", Some(Timestamp)),
    ("23:10", Some(Timestamp)),
    ("منذ 5 ساعات", Some(Timestamp)),
    ("الخميس 12 مارس 2020 - 11:20 ص", Some(Timestamp)),
    ("آخر تحديث: 2021/04/03 14:05", Some(Timestamp)),
    ("نشر في: 3 تشرين الأول 2019", Some(Timestamp)),
    // sources and bylines
    ("المصدر", Some(Source)),
    ("المصدر: وكالات", Some(Source)),
    ("المصدر : الأناضول + مواقع", Some(Source)),
    ("(أ ف ب)", Some(Source)),
    ("رويترز", Some(Source)),
    ("بقلم: سامر الخطيب", Some(Source)),
    ("كتب - أحمد يوسف", Some(Source)),
    ("رابط المقال على موقعنا:", Some(Source)),
    // separators
    ("==========", Some(Separator)),
    ("* * *", Some(Separator)),
    ("…", Some(Separator)),
    // navigation
    ("السابق التالي", Some(Navigation)),
    ("Previous Next", Some(Navigation)),
    (
        "الخبر التالي: انطلاق معرض الكتاب في دورته الجديدة",
        Some(Navigation),
    ),
    ("© 2024 جميع الحقوق محفوظة لموقع الخبر", Some(Navigation)),
    ("اتصل بنا", Some(Navigation)),
    ("الرئيسية أخبار رياضة اقتصاد فن", Some(Navigation)),
    ("للمزيد من التفاصيل اضغط هنا", Some(Navigation)),
    ("الوسوم: الانتخابات البرلمان", Some(Navigation)),
    // article text that must stay unmarked
    (
        "وقال وزير الخارجية إن بلاده ستواصل دعم جهود السلام في المنطقة.",
        None,
    ),
    ("استقبل الرئيس نظيره الفرنسي في قصر الإليزيه", None),
    (
        "المصدر المسؤول أكد أن المفاوضات ستستأنف الأسبوع المقبل",
        None,
    ),
    ("الرياض 12 رجب 1445 هـ الموافق 24 يناير 2024 م واس", None),
    ("القاهرة - أ ش أ", None),
    (
        "تابع الرئيس المصري زيارته إلى الرياض حيث التقى ولي العهد",
        None,
    ),
    ("وزير الخارجية الأمريكي يصل إلى بكين", None),
    ("أكثر من 300 قتيل في الهجوم", None),
    ("قمة الرياض: دعم عربي للقضية الفلسطينية", None),
    ("سوريا / لبنان: اشتباكات على الحدود", None),
    ("رئيس الوزراء يلتقي وفد صندوق النقد الدولي | تفاصيل", None),
    ("نشر الجيش 500 جندي على الحدود يوم الجمعة", None),
    ("كما تبادل الجانبان وجهات النظر حول القضايا الإقليمية.", None),
    ("وقال في تغريدة على تويتر إن الاتفاق «خطوة تاريخية».", None),
    (
        "أطلقت الوزارة تطبيقاً جديداً يتيح للمواطنين متابعة طلباتهم.",
        None,
    ),
    ("الأكثر تضرراً من الحرب هم المدنيون في المدن الحدودية.", None),
    ("التعليقات الأمريكية على القمة جاءت متحفظة.", None),
    (
        "بيروت 14 آب (رويترز) - قال مسؤولون إن الحكومة ستجتمع غدا.",
        None,
    ),
    ("اجتماع «الرباعية» في القاهرة", None),
    (
        "عمان / بترا / بحث وزير الخارجية مع نظيره الأردني العلاقات الثنائية.",
        None,
    ),
    ("الدوحة - قنا", None),
    ("وتابع: \"الآن القرار بين أيديكم، فلتقبلوا الحل\".", None),
    (
        "تابع الوزير سير الامتحانات في المدارس الحكومية صباح اليوم.",
        None,
    ),
    ("سياسة الحكومة الجديدة تثير جدلا واسعا", None),
];

#[test]
fn single_lines() {
    let mut bad = Vec::new();
    for (line, want) in SINGLE {
        let got = kinds(line);
        assert_eq!(got.len(), 1, "{line}");
        if got[0].1 != *want {
            bad.push(format!("{line:?}: got {:?}, want {want:?}", got[0].1));
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
}

/// Texts with marked lines: the expected kind is written after `|| ` at the end of a line
/// (`|| -` for article text), and the marker is removed before classifying.
const TEXTS: &[(&str, &str)] = &[
    (
        "most-read list after the article, sub-heading unmarked",
        "وزير الخارجية يبحث مع نظيره التركي ملف اللاجئين || -
|| -
بحث وزير الخارجية اليوم الثلاثاء مع نظيره التركي في أنقرة ملف عودة اللاجئين والتعاون الأمني بين البلدين. || -
وأكد الوزيران ضرورة تكثيف التنسيق لمواجهة التحديات المشتركة في المنطقة. || -
ملف الحدود || -
وتناول اللقاء أيضا أوضاع المعابر الحدودية وسبل تسهيل حركة التجارة بين البلدين الجارين. || -
|| -
الأكثر قراءة || mostread
|| -
ارتفاع أسعار الذهب في السوق المحلية || mostread
|| -
منتخب الشباب يتأهل إلى نصف النهائي || mostread
|| -
افتتاح مهرجان المسرح بمشاركة عشر فرق عربية || mostread
|| -
طقس الغد: أمطار متفرقة على المرتفعات || mostread",
    ),
    (
        "a most-read list at the top of the page stops at the article's title",
        "الأكثر قراءة || mostread
|| -
ارتفاع أسعار الذهب في السوق المحلية || mostread
منتخب الشباب يتأهل إلى نصف النهائي || mostread
|| -
وزير الخارجية يبحث مع نظيره التركي ملف اللاجئين || -
|| -
بحث وزير الخارجية اليوم الثلاثاء مع نظيره التركي في أنقرة ملف عودة اللاجئين والتعاون الأمني بين البلدين، وأكد الجانبان ضرورة تكثيف التنسيق. || -
وتناول اللقاء أيضا أوضاع المعابر الحدودية وسبل تسهيل حركة التجارة بين البلدين الجارين. || -",
    ),
    (
        "a single link headline late in the body; an earlier noun-phrase sub-heading stays",
        "البرلمان الأوروبي يناقش موازنة الاتحاد للعام المقبل || -
ناقش البرلمان الأوروبي في جلسته العامة اليوم الأربعاء مشروع موازنة الاتحاد للعام المقبل وسط خلافات حول حصص الدول الأعضاء. || -
وقال رئيس لجنة الموازنة إن المفاوضات مع المجلس ستكون صعبة هذا العام بسبب تراجع الإيرادات. || -
خلافات حول الحصص || -
وتطالب الدول الشمالية بخفض المساهمات، في حين تدعو دول الجنوب إلى زيادة الإنفاق على البنية التحتية. || -
وأضاف أن التصويت النهائي على الموازنة سيجري في الدورة المقبلة بعد جولة جديدة من المشاورات. || -
متظاهرون في تشيلي يطالبون باستقالة الحكومة || related
وأشار إلى أن عددا من النواب طالبوا بتخصيص مبالغ إضافية لبرامج الهجرة ودعم المزارعين. || -
وكانت الدول الأعضاء قد اتفقت العام الماضي على إطار مالي متعدد السنوات بعد مفاوضات طويلة. || -",
    ),
    (
        "three teaser headlines in the middle of the body, sub-headings unmarked",
        "رئيس الوزراء يستقبل وفد البنك الدولي || -
استقبل رئيس الوزراء صباح اليوم وفدا من البنك الدولي برئاسة نائب رئيس البنك لشؤون المنطقة وبحث معه برامج التمويل. || -
وقال المتحدث باسم الحكومة إن اللقاء تناول مشاريع البنية التحتية والطاقة المتجددة. || -
الحكومة تقر خطة لدعم صغار المزارعين || related
هل تنجح سياسة التقشف في خفض العجز؟ || related
وزير المالية يعرض موازنة العام المقبل || related
وأضاف المتحدث أن الجانبين اتفقا على عقد اجتماع فني الشهر المقبل لمتابعة التنفيذ. || -
ما الذي تغير في سياسة الإقراض؟ || -
وأوضح أن البنك أبدى استعداده لزيادة حجم التمويل المخصص لقطاع المياه خلال السنوات المقبلة. || -",
    ),
    (
        "trailing lead sentences of other stories",
        "وزير الدفاع يزور القوات المنتشرة على الحدود الشمالية || -
|| -
زار وزير الدفاع اليوم الخميس القوات المنتشرة على الحدود الشمالية، واطلع على جاهزيتها واستمع إلى شرح عن سير العمليات. || -
وأشاد الوزير بكفاءة الضباط والجنود، مؤكدا أن حماية الحدود أولوية قصوى للحكومة. || -
وكان الوزير قد ترأس أمس اجتماعا لهيئة الأركان لبحث خطط التدريب للعام المقبل. || -
أعلنت شركة الطيران الوطنية، الخميس، استئناف رحلاتها إلى ثلاث عواصم أوروبية بعد توقف دام أشهر. || related
افتتح معرض دولي للكتاب، مساء الخميس، بمشاركة أكثر من خمسمائة دار نشر من أربعين دولة. || related
سجلت البورصة المحلية ارتفاعا ملحوظا في تعاملات الخميس مدفوعة بأسهم البنوك والاتصالات. || related",
    ),
    (
        "article ending in background paragraphs stays unmarked",
        "البرلمان يصادق على اتفاقية التعاون الاقتصادي مع الأردن || -
صادق البرلمان في جلسته اليوم الأحد على اتفاقية التعاون الاقتصادي مع الأردن بأغلبية الأعضاء الحاضرين. || -
وتنص الاتفاقية على إعفاء عدد من السلع من الرسوم الجمركية وتسهيل حركة الشاحنات بين البلدين. || -
تعد الأردن من أكبر الشركاء التجاريين للبلاد، إذ بلغ حجم التبادل التجاري بين البلدين العام الماضي نحو ملياري دولار. || -
وقعت الحكومتان الاتفاقية في عمان مطلع العام الجاري خلال زيارة رئيس الوزراء الأردني إلى البلاد. || -",
    ),
    (
        "a list introduced by a colon stays unmarked",
        "الحكومة تعلن حزمة إجراءات اقتصادية جديدة || -
أعلنت الحكومة اليوم حزمة من الإجراءات الاقتصادية الجديدة لمواجهة ارتفاع الأسعار وتحفيز النمو في القطاعات الإنتاجية. || -
وتشمل الإجراءات ما يلي: || -
خفض الضرائب على المواد الغذائية الأساسية || -
زيادة الدعم المقدم لصغار المزارعين || -
تسهيل القروض للمشاريع الصغيرة والمتوسطة || -",
    ),
    (
        "a read-also heading with its links; the article goes on",
        "السودان: بدء محادثات السلام في جوبا || -
بدأت في جوبا اليوم الاثنين جولة جديدة من محادثات السلام بين الحكومة السودانية والحركات المسلحة بحضور وسطاء إقليميين. || -
اقرأ أيضاً || readalso
مجلس الأمن يمدد ولاية البعثة الأممية || readalso
وقال رئيس وفد الوساطة إن الأطراف أبدت مرونة في الملفات العالقة، وإن الجولة قد تستمر أسبوعين. || -",
    ),
    (
        "one trailing headline unrelated to the title",
        "الرئيس يفتتح مشروع محطة الكهرباء الجديدة في الجنوب || -
افتتح الرئيس اليوم السبت محطة الكهرباء الجديدة في المحافظة الجنوبية بطاقة إنتاجية تبلغ ألف ميغاواط. || -
وقال وزير الطاقة إن المحطة ستسهم في إنهاء أزمة انقطاع التيار خلال فصل الصيف. || -
منتخب الناشئين يفوز ببطولة غرب آسيا || related",
    ),
    (
        "one trailing sub-heading-like line that repeats the title stays unmarked",
        "الرئيس يفتتح مشروع محطة الكهرباء الجديدة في الجنوب || -
افتتح الرئيس اليوم السبت محطة الكهرباء الجديدة في المحافظة الجنوبية بطاقة إنتاجية تبلغ ألف ميغاواط. || -
وقال وزير الطاقة إن المحطة ستسهم في إنهاء أزمة انقطاع التيار خلال فصل الصيف. || -
محطة الكهرباء تدخل الخدمة الشهر المقبل || -",
    ),
    (
        "a page without full stops: short paragraphs are not headlines",
        "وزير الصحة يتفقد مستشفيات العاصمة || -
تفقد وزير الصحة اليوم عددا من مستشفيات العاصمة واطلع على سير العمل في أقسام الطوارئ والعناية المركزة || -
وشدد الوزير على ضرورة تحسين الخدمات المقدمة للمرضى وتقليص فترات الانتظار في العيادات || -
أكد الوزير أن الوزارة ستزود المستشفيات بأجهزة حديثة || -
أعلن مدير المستشفى عن افتتاح قسم جديد للأطفال || -",
    ),
    (
        "agency story: dateline kept, sign-off and time marked",
        "عام / وزير الداخلية يستقبل سفير اليابان || -
الرياض 3 محرم 1446 هـ الموافق 9 يوليو 2024 م واس || -
استقبل وزير الداخلية في مكتبه اليوم سفير اليابان لدى المملكة، وجرى خلال الاستقبال بحث الموضوعات ذات الاهتمام المشترك. || -
// انتهى // || signoff
14:32 ت م || timestamp",
    ),
    (
        "page top: breadcrumb, title, byline, time; page bottom: share bar, comments",
        "الرئيسية / أخبار / عربي || breadcrumb
تونس تستضيف اجتماعا وزاريا عربيا حول الأمن الغذائي || -
كتب: محمد بن علي || source
الأحد 7 أبريل 2024 - 10:15 || timestamp
تستضيف تونس الأسبوع المقبل اجتماعا لوزراء الزراعة العرب لبحث سبل تعزيز الأمن الغذائي في المنطقة. || -
وقال وزير الزراعة التونسي إن الاجتماع سيناقش مشروع إنشاء صندوق عربي للطوارئ الغذائية. || -
شارك || social
فيسبوك تويتر واتساب || social
التعليقات || comments
أضف تعليقك || comments",
    ),
];

fn parse_case(spec: &str) -> (String, Vec<Option<Furniture>>) {
    let mut text = Vec::new();
    let mut want = Vec::new();
    for line in spec.lines() {
        let (body, kind) = line
            .rsplit_once("|| ")
            .expect("each line ends with || kind");
        text.push(body.trim_end().to_string());
        want.push(match kind.trim() {
            "-" => None,
            k => Some(serde_json::from_value(serde_json::Value::String(k.to_string())).expect(k)),
        });
    }
    (text.join("\n"), want)
}

#[test]
fn texts() {
    let mut bad = Vec::new();
    for (name, spec) in TEXTS {
        let (text, want) = parse_case(spec);
        let got = kinds(&text);
        assert_eq!(got.len(), want.len(), "{name}");
        for ((line, g), w) in got.iter().zip(&want) {
            if g != w {
                bad.push(format!("{name}: {line:?}: got {g:?}, want {w:?}"));
            }
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
}

#[test]
fn furniture_inside_a_flattened_line() {
    let text = "وصل وزير الخارجية إلى العاصمة في زيارة رسمية تستغرق يومين يلتقي خلالها كبار المسؤولين. رابط الخبر بموقع المرصد: وزير الخارجية يصل العاصمة";
    let lines = classify_lines(text);
    assert_eq!(lines.len(), 2);
    let chars: Vec<char> = text.chars().collect();
    let tail: String = chars[lines[1].start..lines[1].end].iter().collect();
    assert!(tail.starts_with("رابط الخبر"), "{tail}");
    assert_eq!(lines[1].furniture, Some(Source));
    assert_eq!(lines[0].furniture, None);
    assert_eq!(lines[0].end, lines[1].start);
}

#[test]
fn crlf_and_offsets() {
    let text = "الأكثر قراءة\r\nخبر أول عن الطقس\r\n";
    let lines = classify_lines(text);
    assert_eq!(lines.len(), 3);
    assert_eq!((lines[0].start, lines[0].end), (0, 12));
    assert_eq!(lines[1].start, 14);
    assert_eq!(lines[2].start, text.chars().count());
    assert_eq!(lines[0].furniture, Some(MostRead));
}

#[test]
fn serde_names_are_lowercase() {
    assert_eq!(serde_json::to_string(&MostRead).unwrap(), "\"mostread\"");
    assert_eq!(serde_json::to_string(&SignOff).unwrap(), "\"signoff\"");
    for k in Furniture::ALL {
        assert_eq!(
            serde_json::to_value(k).unwrap(),
            serde_json::Value::String(k.as_str().into())
        );
    }
}

#[test]
fn huge_single_line() {
    let line = "كلمة ".repeat(10_000_000); // 50 MB
    let start = std::time::Instant::now();
    let lines = classify_lines(&line);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].furniture, None);
    assert_eq!(lines[0].end, line.chars().count());
    assert!(start.elapsed().as_secs() < 30);
}

#[test]
fn many_short_lines_are_linear() {
    let text = "خبر قصير عن الطقس\n\n".repeat(50_000);
    let start = std::time::Instant::now();
    let lines = classify_lines(&text);
    assert_eq!(lines.len(), 100_001);
    assert!(start.elapsed().as_secs() < 30);
}
