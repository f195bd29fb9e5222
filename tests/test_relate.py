"""Typed, dated relations from our own bilingual sentences (none taken from the sample corpus)."""


import pytest

import kg
from kg.ruleset import RulesError, load_rules


def typed(tmp_path, text, name="t.txt"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    G = kg.build([tmp_path / name])
    return G, {(u.split(":", 1)[1], k, v.split(":", 1)[1], d["years"]) for u, v, k, d in G.edges(keys=True, data=True) if k != "CO_OCCURS"}


GOLDEN = [
    # the subject greeted at the start speaks in the first person (Traditional, English)
    ("嗨，Yoshua，謝謝你來。我在 1993 年加入了貝爾實驗室。", {("yoshua-bengio", "WORKED_AT", "bell-labs", "1993")}),
    ("Hi, Yoshua. I joined Bell Labs in 1993.", {("yoshua-bengio", "WORKED_AT", "bell-labs", "1993")}),
    # worked at, created, with the year of the clause and the year of the technology
    ("李飞飞在斯坦福大学工作。", {("fei-fei-li", "WORKED_AT", "stanford", "")}),
    ("後來 Geoffrey Hinton 發明了膠囊網路。", {("geoffrey-hinton", "CREATED", "capsule-network", "")}),
    ("Geoffrey Hinton invented capsule networks in 2017.",
     {("geoffrey-hinton", "CREATED", "capsule-network", "2017"), ("capsule-network", "IN_YEAR", "2017", "")}),
    # organisations: who bought whom, in either order; what belongs to what
    ("DeepMind 被谷歌收购了。", {("google", "ACQUIRED", "deepmind", "")}),
    ("DeepMind is a subsidiary of Alphabet.", {("deepmind", "PART_OF", "alphabet", "")}),
    ("Alphabet 旗下的子公司 Waymo 很强。", {("waymo", "PART_OF", "alphabet", "")}),
    # people: advisor and student, a list of authors sharing the verb
    ("Hinton 是 Ilya Sutskever 的博士导师。", {("geoffrey-hinton", "ADVISED", "ilya-sutskever", "")}),
    # who leads a place works there
    ("Yann LeCun 领导 Facebook 人工智能研究院。", {("yann-lecun", "LEADS", "fair", ""), ("yann-lecun", "WORKED_AT", "fair", "")}),
    ("Ilya Sutskever co-founded OpenAI in 2015.", {("ilya-sutskever", "FOUNDED", "openai", "2015"), ("openai", "IN_YEAR", "2015", "")}),
    ("PyTorch 使用 Python 作为前端。", {("pytorch", "USED", "python", "")}),
    # no trigger: only CO_OCCURS
    ("Geoffrey Hinton、斯坦福大学、1999 年。", set()),
    # Chinese puts the verb last: it counts after a coverb ("在 X 工作", "跟 X 合作"), or a role noun
    ("Fei-Fei Li 在 Google 工作過。", {("fei-fei-li", "WORKED_AT", "google", "")}),
    ("Yoshua Bengio 跟 Yann LeCun 一起合作。", {("yann-lecun", "COLLABORATED_WITH", "yoshua-bengio", "")}),
    ("Noam Chomsky 麻省理工学院的语言学者。", {("noam-chomsky", "WORKED_AT", "mit", "")}),
    ("Fei-Fei Li 斯坦福大学 Geoffrey Hinton", set()),
    # ... a verb after the second name without a coverb says nothing about the first
    ("Geoffrey Hinton 和 Google 的人都很喜欢这个想法。", set()),
    # the institution belongs to the person named right before it, not to the next one
    ("Noam Chomsky 麻省理工學院的學者 跟 Jean Piaget 的辯論。", {("noam-chomsky", "WORKED_AT", "mit", "")}),
    # a gloss speaks of its owner: Google is Alphabet's part, Waymo is not Google's
    ("Alphabet（谷歌母公司）旗下子公司 Waymo 在测试。",
     {("google", "PART_OF", "alphabet", ""), ("waymo", "PART_OF", "alphabet", "")}),
    # negation
    ("Geoffrey Hinton never worked at IBM.", set()),
    ("Geoffrey Hinton 从未加入 IBM。", set()),
    # technologies in one list are not related to each other; their user is
    ("Waymo 配备了雷达、激光雷达、相机等传感器。", {("waymo", "USED", "radar", ""), ("waymo", "USED", "lidar", "")}),
    # a time clause is not a statement; an organisation spoken to does not act
    ("在反向传播提出前 Terry Sejnowski 在研究 NETtalk。", {("terrence-sejnowski", "CREATED", "nettalk", "")}),
    ("Hinton 给 Google 做了一个演讲，关于如何使用 ReLU。", {("geoffrey-hinton", "USED", "rectified-linear-unit", "")}),
    # a coverb far from the first end is a conjunction: "GPU 和 超级计算机" does not make them study
    ("Geoffrey Hinton 谈论了很多关于计算机、GPU 和超级计算机在推动学习。", set()),
    # two technologies joined by "和" are coordinated, not related
    ("如何使用 ReLU 和用单位矩阵初始化。", set()),
    # "它" stands for the last technology named; brackets around a name alone are no aside
    ("Lush 很好用。Patrice Simard 为它写了编译器。", {("patrice-simard", "CREATED", "lush", "")}),
    ("NETtalk 成功使用（反向传播）。", {("nettalk", "USED", "backpropagation", "")}),
    # a recipient does not stand in the way; companies work together
    ("Mobileye 为特斯拉提供了基于卷积网络的系统。",
     {("mobileye", "COLLABORATED_WITH", "tesla", ""), ("mobileye", "USED", "convolutional-neural-network", "")}),
    # the subject goes on past one place to the next; each place keeps its own words
    ("Yoshua Bengio 在麦吉尔大学读书，然后在蒙特利尔大学工作。",
     {("yoshua-bengio", "STUDIED_AT", "mcgill", ""), ("yoshua-bengio", "WORKED_AT", "udem", "")}),
    ("Yoshua Bengio studied at McGill and then worked at Google.",
     {("yoshua-bengio", "STUDIED_AT", "mcgill", ""), ("yoshua-bengio", "WORKED_AT", "google", "")}),
    # an institution acting on a pronoun's person: "Facebook hired him"
    ("Yann LeCun spoke first. In 2013 Facebook hired him.", {("yann-lecun", "WORKED_AT", "facebook", "2013")}),
    ("Geoffrey Hinton 来了。后来谷歌聘请了他。", {("geoffrey-hinton", "WORKED_AT", "google", "")}),
    # ... but not when the verb after "him" is someone else's: "his students founded"
    ("Geoffrey Hinton 来了。谷歌收购了他的学生创立的公司。", set()),
    ("谷歌收购了辛顿和他的学生创立的公司。", set()),
    # English relative clause: "the X that Y uses"
    ("the PageRank algorithm that Google uses", {("google", "USED", "pagerank", "")}),
    # authors named before "the paper on X"
    ("Rumelhart、Hinton 和 Williams 反向传播的论文很有名。",
     {("david-rumelhart", "CREATED", "backpropagation", ""), ("geoffrey-hinton", "CREATED", "backpropagation", ""),
      ("ronald-williams", "CREATED", "backpropagation", ""), ("david-rumelhart", "COLLABORATED_WITH", "geoffrey-hinton", ""),
      ("geoffrey-hinton", "COLLABORATED_WITH", "ronald-williams", ""), ("david-rumelhart", "COLLABORATED_WITH", "ronald-williams", "")}),
    # an institution whose name extends another's is a part of it
    ("Microsoft Research 和 Microsoft 的关系很复杂。", {("microsoft-research", "PART_OF", "microsoft", "")}),
    ("Google Brain and Google both grew fast.", {("google-brain", "PART_OF", "google", "")}),
    # what follows a colon names the thing before it: both are what the verb is about
    ("1989 年 Yann LeCun 发明了卷积神经网络的雏形：LeNet。",
     {("yann-lecun", "CREATED", "convolutional-neural-network", "1989"), ("yann-lecun", "CREATED", "lenet", "1989"),
      ("lenet", "IN_YEAR", "1989", "")}),
    # the language of a system, in a clause of its own
    ("Facebook 用过 Torch，其中的前端语言是 Lua。", {("facebook", "USED", "torch", ""), ("torch", "USED", "lua", "")}),
    ("TensorFlow is written in C++.", {("tensorflow", "USED", "cpp", "")}),
    # an English aside between commas speaks of the name before it, and does not stand between
    # that name and its verb; an object relative clause's verb has the second name for subject
    ("Alan Turing, a mathematician at the University of Manchester, proposed the Turing test.",
     {("alan-turing", "WORKED_AT", "manchester", ""), ("alan-turing", "CREATED", "turing-test", "")}),
    ("Fei-Fei Li, a professor at Stanford, created ImageNet.",
     {("fei-fei-li", "WORKED_AT", "stanford", ""), ("fei-fei-li", "CREATED", "imagenet", "")}),
    ("Ilya Sutskever, who studied under Geoffrey Hinton, co-founded OpenAI with Sam Altman.",
     {("geoffrey-hinton", "ADVISED", "ilya-sutskever", ""), ("ilya-sutskever", "FOUNDED", "openai", ""),
      ("sam-altman", "FOUNDED", "openai", ""), ("ilya-sutskever", "COLLABORATED_WITH", "sam-altman", "")}),
    ("DeepMind, which Google acquired, built AlphaGo.",
     {("google", "ACQUIRED", "deepmind", ""), ("deepmind", "CREATED", "alphago", "")}),
    # ... but commas after an adverb open no aside
    ("After that, the team at Google used TensorFlow, which Jeff Dean built.",
     {("google", "USED", "tensorflow", ""), ("jeff-dean", "CREATED", "tensorflow", "")}),
    # an English word counts as two characters of distance; a year is not the date of a later event
    ("John McCarthy coined the term artificial intelligence in 1955 and later founded the Stanford AI Lab.",
     {("john-mccarthy", "FOUNDED", "stanford-ai-lab", "")}),
    # a year in an aside about something else does not date the main clause
    ("Hinton, who won the Turing Award in 2018, left Google in 2023.", {("geoffrey-hinton", "WORKED_AT", "google", "2023")}),
    # a person between an institution and a technology is the one acting on it; "we" speak for it
    ("He then joined AT&T Bell Laboratories. Yann LeCun, at Bell Labs, where he developed LeNet.",
     {("yann-lecun", "WORKED_AT", "bell-labs", ""), ("yann-lecun", "CREATED", "lenet", "")}),
    ("在 Facebook，我们使用 PyTorch。", {("facebook", "USED", "pytorch", "")}),
    # "A's student B", "A was B's PhD advisor"
    ("Schmidhuber's student Sepp Hochreiter wrote a thesis.", {("jurgen-schmidhuber", "ADVISED", "sepp-hochreiter", "")}),
    ("Geoffrey Hinton and his students Alex Krizhevsky and Ilya Sutskever won.",
     {("geoffrey-hinton", "ADVISED", "alex-krizhevsky", ""), ("geoffrey-hinton", "ADVISED", "ilya-sutskever", "")}),
    ("Geoffrey Hinton was Ilya Sutskever's PhD advisor.", {("geoffrey-hinton", "ADVISED", "ilya-sutskever", "")}),
    # the one year of making a thing dates it; two makers of one thing worked together, unless apart
    ("Ken Thompson and Dennis Ritchie created UNIX in 1969.",
     {("ken-thompson", "CREATED", "unix", "1969"), ("dennis-ritchie", "CREATED", "unix", "1969"), ("unix", "IN_YEAR", "1969", ""),
      ("dennis-ritchie", "COLLABORATED_WITH", "ken-thompson", "1969")}),
    ("Paul Werbos and David Parker independently invented backpropagation.",
     {("paul-werbos", "CREATED", "backpropagation", ""), ("david-parker", "CREATED", "backpropagation", "")}),
    # "它" stands for the thing its sentence opens with
    ("BERT 是一个很大的模型，它基于 Transformer。", {("bert", "USED", "transformer", "")}),
    # starting a project creates it, not the place one works at
    ("Fei-Fei Li started ImageNet in 2007 while she was an assistant professor at Princeton.",
     {("fei-fei-li", "CREATED", "imagenet", "2007"), ("fei-fei-li", "WORKED_AT", "princeton", "2007"), ("imagenet", "IN_YEAR", "2007", "")}),
    ("Richard Sutton, who did his PhD under Andrew Barto, developed TD learning.",
     {("andrew-barto", "ADVISED", "richard-sutton", ""), ("richard-sutton", "CREATED", "temporal-difference-learning", "")}),
    # a chief scientist works there; he does not lead it
    ("2014年，吴恩达被百度聘为首席科学家。", {("andrew-ng", "WORKED_AT", "baidu", "2014")}),
    # a list after the verb: every member as close as the first
    ("AlexNet, developed by Alex Krizhevsky, Ilya Sutskever and Geoffrey Hinton, won.",
     {("alex-krizhevsky", "CREATED", "alexnet", ""), ("ilya-sutskever", "CREATED", "alexnet", ""), ("geoffrey-hinton", "CREATED", "alexnet", ""),
      ("alex-krizhevsky", "COLLABORATED_WITH", "ilya-sutskever", ""), ("alex-krizhevsky", "COLLABORATED_WITH", "geoffrey-hinton", ""),
      ("geoffrey-hinton", "COLLABORATED_WITH", "ilya-sutskever", "")}),
    # a new clause no one else opens goes on with the same subject past the last place
    ("杨立昆在巴黎第六大学获得博士学位，1988年加入贝尔实验室。",
     {("yann-lecun", "STUDIED_AT", "upmc", ""), ("yann-lecun", "WORKED_AT", "bell-labs", "1988")}),
    ("杨立昆在巴黎第六大学获得博士学位，Yoshua Bengio 加入贝尔实验室。",
     {("yann-lecun", "STUDIED_AT", "upmc", ""), ("yoshua-bengio", "WORKED_AT", "bell-labs", "")}),
    # "他" goes on with the person who opens the sentence before, not the last one named there;
    # a degree before "后" opens a time clause
    ("何恺明在香港中文大学读博士，导师是汤晓鸥。毕业后他加入微软亚洲研究院。",
     {("kaiming-he", "STUDIED_AT", "cuhk", ""), ("xiaoou-tang", "ADVISED", "kaiming-he", ""), ("kaiming-he", "WORKED_AT", "msra", "")}),
    # a subtitle line that opens with a verb goes on with the person before; the people it names
    # are not whom a later "他" stands for; a person a 的 leads to is the sentence's own subject
    (">> 杨立昆在巴黎第六大学获得博士学位\n>> 1988年加入贝尔实验室",
     {("yann-lecun", "STUDIED_AT", "upmc", ""), ("yann-lecun", "WORKED_AT", "bell-labs", "1988")}),
    ("何恺明在香港中文大学读书时\n师从汤晓鸥\n2011年他加入微软亚洲研究院",
     {("kaiming-he", "STUDIED_AT", "cuhk", ""), ("xiaoou-tang", "ADVISED", "kaiming-he", ""), ("kaiming-he", "WORKED_AT", "msra", "2011")}),
    ("张汝京于2000年创办中芯国际。2017年，曾在台积电任职的梁孟松出任中芯国际联合首席执行官。",
     {("richard-chang", "FOUNDED", "smic", "2000"), ("smic", "IN_YEAR", "2000", ""), ("liang-mong-song", "LEADS", "smic", "2017"),
      ("liang-mong-song", "WORKED_AT", "smic", "2017"), ("liang-mong-song", "WORKED_AT", "tsmc", "2017")}),
    # 研制; 加盟; an institution after 从 is where one came from, not in the way
    ("王选主持研制的汉字激光照排系统问世了。", {("wang-xuan", "CREATED", "chinese-laser-phototypesetting", "")}),
    ("余凯2012年从谷歌加盟百度。", {("kai-yu", "WORKED_AT", "baidu", "2012")}),
    # a role the next clause takes is at the place just named, said alongside the founding; the
    # list's first person takes it
    ("2000年，张汝京在上海创办中芯国际，并出任首任总裁。",
     {("richard-chang", "FOUNDED", "smic", "2000"), ("richard-chang", "LEADS", "smic", "2000"),
      ("richard-chang", "WORKED_AT", "smic", "2000"), ("smic", "IN_YEAR", "2000", "")}),
    ("1976年，施振榮與妻子葉紫華等人共同創立宏碁，此後長期擔任董事長。",
     {("stan-shih", "FOUNDED", "acer", "1976"), ("stan-shih", "LEADS", "acer", "1976"), ("stan-shih", "WORKED_AT", "acer", "1976"),
      ("stan-shih", "COLLABORATED_WITH", "叶紫华", "1976"), ("叶紫华", "FOUNDED", "acer", "1976"), ("acer", "IN_YEAR", "1976", "")}),
    # …but not when the sentence names its subject after all, in a later clause or after 的是
    ("李飞飞在斯坦福大学工作。加入百度之前，吴恩达在谷歌工作。他后来创办了Coursera。",
     {("fei-fei-li", "WORKED_AT", "stanford", ""), ("andrew-ng", "WORKED_AT", "baidu", ""), ("andrew-ng", "WORKED_AT", "google", ""),
      ("andrew-ng", "FOUNDED", "coursera", "")}),
    ("马云创办了阿里巴巴，阿里巴巴的总裁是张勇。",
     {("jack-ma", "FOUNDED", "alibaba", ""), ("daniel-zhang", "LEADS", "alibaba", ""), ("daniel-zhang", "WORKED_AT", "alibaba", "")}),
    ("1994年，同樣出身宏碁的施崇棠加入華碩並出任董事長。",
     {("jonney-shih", "WORKED_AT", "acer", "1994"), ("jonney-shih", "LEADS", "asus", "1994"), ("jonney-shih", "WORKED_AT", "asus", "1994")}),
    # a year range dates the pair with both; 从 before a year is no institution's
    ("Fei-Fei Li worked at Google from 2017 to 2018.", {("fei-fei-li", "WORKED_AT", "google", "2017|2018")}),
    ("从1995年开始，Sun推出了Java。", {("java", "IN_YEAR", "1995", "")}),
    # "X of Y" is where X works; "Y's president" leads it
    ("In 2004 Yann LeCun of NYU wrote it.", {("yann-lecun", "WORKED_AT", "nyu", "2004")}),
    ("Larry Page, who was Google's president, asked him.", {("larry-page", "LEADS", "google", ""), ("larry-page", "WORKED_AT", "google", "")}),
    # a role after an institution: 社长, 会长, 总经理…
    ("2016年，戴正吳出任夏普社長。", {("戴正吴", "LEADS", "sharp", "2016"), ("戴正吴", "WORKED_AT", "sharp", "2016")}),
    # a trigger in the second end's own clause beats one in an earlier clause
    ("施振榮在交通大學取得碩士學位，曾任職於榮泰電子。", {("stan-shih", "WORKED_AT", "荣泰电子", "")}),
    # a region before 大学 makes a university of its own: 東北大學 is no 北大
    ("舛岡富士雄1971年在東北大學取得博士學位後進入東芝。",
     {("fujio-masuoka", "STUDIED_AT", "东北大学", "1971"), ("fujio-masuoka", "WORKED_AT", "toshiba", "1971")}),
    # a coverb before a list introduces every member; a kind right before a name is that name
    ("支持向量機由 Vladimir Vapnik 和 Corinna Cortes 於 1995 年在貝爾實驗室提出。",
     {("vladimir-vapnik", "CREATED", "support-vector-machine", "1995"), ("corinna-cortes", "CREATED", "support-vector-machine", "1995"),
      ("support-vector-machine", "IN_YEAR", "1995", ""), ("corinna-cortes", "COLLABORATED_WITH", "vladimir-vapnik", "1995"),
      ("vladimir-vapnik", "WORKED_AT", "bell-labs", "1995"), ("corinna-cortes", "WORKED_AT", "bell-labs", "1995")}),
    ("這個模型啟發了楊立昆的卷積神經網路LeNet。",
     {("yann-lecun", "CREATED", "convolutional-neural-network", ""), ("yann-lecun", "CREATED", "lenet", "")}),
    # an institution's own part: "UCL's Gatsby Unit"; "不幸的是" is no possessive
    ("It was at UCL's Gatsby Unit.", {("gatsby-unit", "PART_OF", "ucl", "")}),
    ("跟著 NCR 不幸的是 AT&T 的律師們。", set()),
    # examples of the verb's object are its object; what a thing is made with does not act
    ("Waymo 配备了一系列复杂的传感器如激光雷达（Lidar）、相机等。", {("waymo", "USED", "lidar", "")}),
    ("ConvNetJS 用 JavaScript 实现了卷积神经网络。",
     {("convnetjs", "USED", "javascript", ""), ("convnetjs", "USED", "convolutional-neural-network", "")}),
    # a list with modifiers ("和之前的") shares what follows it, counted from its last member
    ("TensorFlow、PyTorch 和之前的 Torch，基本上都继承自 Lush 的想法。",
     {("lush", "INFLUENCED", "tensorflow", ""), ("lush", "INFLUENCED", "pytorch", ""), ("lush", "INFLUENCED", "torch", "")}),
    # the people named "with" right after the thing made made it too
    ("Demis Hassabis founded DeepMind in London with Shane Legg and Mustafa Suleyman.",
     {("demis-hassabis", "FOUNDED", "deepmind", ""), ("shane-legg", "FOUNDED", "deepmind", ""), ("mustafa-suleyman", "FOUNDED", "deepmind", ""),
      ("demis-hassabis", "COLLABORATED_WITH", "shane-legg", ""), ("demis-hassabis", "COLLABORATED_WITH", "mustafa-suleyman", ""),
      ("mustafa-suleyman", "COLLABORATED_WITH", "shane-legg", "")}),
    ("Demis Hassabis founded DeepMind, and later met Shane Legg.",
     {("demis-hassabis", "FOUNDED", "deepmind", ""), ("demis-hassabis", "MET", "shane-legg", "")}),
    # "他们/两人/they" stand for each person of the last list of people named
    ("拉里·佩奇和谢尔盖·布林相识。1998年，他们共同创办了谷歌。",
     {("larry-page", "FOUNDED", "google", "1998"), ("sergey-brin", "FOUNDED", "google", "1998"), ("google", "IN_YEAR", "1998", ""),
      ("larry-page", "COLLABORATED_WITH", "sergey-brin", "1998"), ("larry-page", "MET", "sergey-brin", "")}),
    ("Ken Thompson and Dennis Ritchie were there. In 1969 they created UNIX.",
     {("ken-thompson", "CREATED", "unix", "1969"), ("dennis-ritchie", "CREATED", "unix", "1969"), ("unix", "IN_YEAR", "1969", ""),
      ("dennis-ritchie", "COLLABORATED_WITH", "ken-thompson", "1969")}),
    ("Hinton met LeCun. They said nothing.", {("geoffrey-hinton", "MET", "yann-lecun", "")}),
    # ... only when the list is the last people named
    ("拉里·佩奇和谢尔盖·布林相识。Geoffrey Hinton 也来了。他们共同创办了谷歌。", {("larry-page", "MET", "sergey-brin", "")}),
    # "该公司/the company" stand for the last institution named; "一家公司" is another one
    ("谷歌收购了 DeepMind。公司的 CEO 是 Demis Hassabis。",
     {("google", "ACQUIRED", "deepmind", ""), ("demis-hassabis", "LEADS", "deepmind", ""), ("demis-hassabis", "WORKED_AT", "deepmind", "")}),
    ("Microsoft invested in OpenAI. The company released GPT-3 in 2020.",
     {("openai", "CREATED", "gpt-3", "2020"), ("gpt-3", "IN_YEAR", "2020", "")}),
    ("DeepMind 很有名。Geoffrey Hinton 后来去了一家公司。", set()),
    # advised by, under; 读研; an institution's own product; the authors of a work and its year
    ("Fei-Fei Li was advised by Pietro Perona.", {("pietro-perona", "ADVISED", "fei-fei-li", "")}),
    ("Andrej Karpathy did his PhD at Stanford under Fei-Fei Li.",
     {("andrej-karpathy", "STUDIED_AT", "stanford", ""), ("fei-fei-li", "ADVISED", "andrej-karpathy", "")}),
    ("李飞飞在斯坦福大学读研期间。", {("fei-fei-li", "STUDIED_AT", "stanford", "")}),
    ("PaddlePaddle 是百度自主研发的框架。", {("baidu", "CREATED", "paddlepaddle", "")}),
    ("Martin Hellman and Whitfield Diffie published New Directions in Cryptography in 1976.",
     {("martin-hellman", "CREATED", "new-directions-in-cryptography", "1976"),
      ("whitfield-diffie", "CREATED", "new-directions-in-cryptography", "1976"),
      ("martin-hellman", "COLLABORATED_WITH", "whitfield-diffie", "1976"),
      ("new-directions-in-cryptography", "IN_YEAR", "1976", "")}),
    # 創辦人 (Taiwan) as 创始人; two people joined by "and" met when "met" follows them
    ("黃仁勳是輝達的共同創辦人。", {("jensen-huang", "FOUNDED", "nvidia", "")}),
    ("Larry Page and Sergey Brin met in 1995.", {("larry-page", "MET", "sergey-brin", "1995")}),
    ("拉里·佩奇和谢尔盖·布林1995年相识。", {("larry-page", "MET", "sergey-brin", "1995")}),
    # a kinship word before a member keeps the list: both founded it, together
    ("1999年，林志远和妻子陶雅萍在北京创办了当当网。",
     {("林志远", "FOUNDED", "dangdang", "1999"), ("陶雅萍", "FOUNDED", "dangdang", "1999"),
      ("林志远", "COLLABORATED_WITH", "陶雅萍", "1999"), ("dangdang", "IN_YEAR", "1999", "")}),
    ("Ian Murdock announced Debian in 1993.", {("ian-murdock", "CREATED", "debian", "1993"), ("debian", "IN_YEAR", "1993", "")}),
    # founding where, not founding the place; a year whose verb has another institution after it
    ("2005年，姚期智在清华大学创办了一个实验班。", {("andrew-yao", "WORKED_AT", "tsinghua", "2005")}),
    ("他在德州儀器任職二十五年，1987年創辦台積電。", {("tsmc", "IN_YEAR", "1987", "")}),
    ("OpenAI于2015年在旧金山成立。", {("openai", "IN_YEAR", "2015", "")}),
    # a clause that opens with a year goes on with the pronoun's person
    ("張忠謀出生於寧波。他在德州儀器任職多年，1987年創辦台積電。",
     {("morris-chang", "WORKED_AT", "texas-instruments", ""), ("morris-chang", "FOUNDED", "tsmc", "1987"), ("tsmc", "IN_YEAR", "1987", "")}),
    # an institution that opens the clause is where the person after it worked
    ("At Bell Labs, Dennis Ritchie wrote the C language.",
     {("dennis-ritchie", "WORKED_AT", "bell-labs", ""), ("dennis-ritchie", "CREATED", "c-language", "")}),
    ("在贝尔实验室期间，肯·汤普森开发了Unix。",
     {("ken-thompson", "WORKED_AT", "bell-labs", ""), ("ken-thompson", "CREATED", "unix", "")}),
    ("At Google, the team built TensorFlow.", {("google", "CREATED", "tensorflow", "")}),
    # the professor is the university's named next to it, not the city's; the founding year dates the company only
    ("商汤科技2014年成立于香港，创始人汤晓鸥是香港中文大学教授。",
     {("xiaoou-tang", "FOUNDED", "sensetime", "2014"), ("xiaoou-tang", "WORKED_AT", "cuhk", "2014"), ("sensetime", "IN_YEAR", "2014", "")}),
    # role nouns after an institution in English; leaving a post; 读的博士
    ("Jon Kleinberg, a Cornell professor, spoke.", {("jon-kleinberg", "WORKED_AT", "cornell", "")}),
    ("姚期智2004年辞去普林斯顿大学教职。", {("andrew-yao", "WORKED_AT", "princeton", "2004")}),
    ("王海峰在哈尔滨工业大学读的博士。", {("haifeng-wang", "STUDIED_AT", "hit", "")}),
    # two role words joined: both hold (and what they imply); a negated one says nothing, nor the weak word after it
    ("Demis Hassabis, CEO and co-founder of DeepMind, spoke.",
     {("demis-hassabis", "FOUNDED", "deepmind", ""), ("demis-hassabis", "LEADS", "deepmind", ""), ("demis-hassabis", "WORKED_AT", "deepmind", "")}),
    ("張忠謀是台積電的創辦人兼董事長。",
     {("morris-chang", "FOUNDED", "tsmc", ""), ("morris-chang", "LEADS", "tsmc", ""), ("morris-chang", "WORKED_AT", "tsmc", "")}),
    ("李飞飞在斯坦福大学读书并任教。", {("fei-fei-li", "STUDIED_AT", "stanford", ""), ("fei-fei-li", "WORKED_AT", "stanford", "")}),
    ("Fei-Fei Li was not a student at Stanford.", set()),
    # "I" is the speaker of a labelled turn (a word of speaking may stand before the colon), the host's is no one's
    ("主持人：您是哪年回国的？\n李飞飞：我2009年加入了斯坦福大学。", {("fei-fei-li", "WORKED_AT", "stanford", "2009")}),
    ("From Yann LeCun's memoir: I joined Bell Labs in 1988.", {("yann-lecun", "WORKED_AT", "bell-labs", "1988")}),
    ("楊立昆回憶：「1988年我加入了貝爾實驗室。」", {("yann-lecun", "WORKED_AT", "bell-labs", "1988")}),
    # an object relative after a thing's apposition; buying; 筹建 founds
    ("CP/M, the operating system that Gary Kildall wrote, ran everywhere.", {("gary-kildall", "CREATED", "cp-m", "")}),
    ("Intel agreed on Monday to buy Mobileye.", {("intel", "ACQUIRED", "mobileye", "")}),
    ("夏培肃1956年参与筹建中科院计算技术研究所。", {("xia-peisu", "FOUNDED", "ict-cas", "1956"), ("ict-cas", "IN_YEAR", "1956", "")}),
    # what follows 由 does the deed, the year dates the thing before it; a dotted name ends before 于
    ("这家公司由斯坦福大学教授李飞飞于2015年创立。", {("fei-fei-li", "WORKED_AT", "stanford", "2015")}),
    ("谷歌由拉里·佩奇于1998年创立。", {("larry-page", "FOUNDED", "google", "1998"), ("google", "IN_YEAR", "1998", "")}),
    # the verb before goes on to a place only a preposition introduces; not when the place has a verb of its own
    ("Fei-Fei Li studied at Princeton and later at Caltech.",
     {("fei-fei-li", "STUDIED_AT", "princeton", ""), ("fei-fei-li", "STUDIED_AT", "caltech", "")}),
    ("李飞飞在普林斯顿大学读本科，后来在加州理工学院。",
     {("fei-fei-li", "STUDIED_AT", "princeton", ""), ("fei-fei-li", "STUDIED_AT", "caltech", "")}),
    ("李飞飞毕业于普林斯顿大学，此前还在谷歌工作过。",
     {("fei-fei-li", "STUDIED_AT", "princeton", ""), ("fei-fei-li", "WORKED_AT", "google", "")}),
    # a clause that opens with a verb goes on with the pronoun of the clause before
    ("主持人：请介绍一下。\n李飞飞：我在普林斯顿读的本科。2009年我们回到加州，加入了斯坦福大学。",
     {("fei-fei-li", "STUDIED_AT", "princeton", ""), ("fei-fei-li", "WORKED_AT", "stanford", "2009")}),
    # leaving or retiring from a place says one worked there; a subtitle line opening with 来到 goes on
    ("2004年\n姚期智先生从普林斯顿辞职\n来到清华大学", {("andrew-yao", "WORKED_AT", "princeton", ""), ("andrew-yao", "WORKED_AT", "tsinghua", "")}),
    # a comma inside a name ends no aside: the verb after it is the first name's
    ("Ilya Sutskever, who studied at the University of California, Berkeley, co-founded OpenAI.",
     {("ilya-sutskever", "STUDIED_AT", "uc-berkeley", ""), ("ilya-sutskever", "FOUNDED", "openai", "")}),
    # an institution and a role before a person is the person's title: what is said of the person is said before it
    ("Mobileye was founded in 1999 by Hebrew University professor Amnon Shashua.",
     {("amnon-shashua", "FOUNDED", "mobileye", "1999"), ("amnon-shashua", "WORKED_AT", "hebrew-university", "1999"),
      ("mobileye", "IN_YEAR", "1999", "")}),
    ("商汤科技由香港中文大学教授汤晓鸥于2014年创立。",
     {("xiaoou-tang", "FOUNDED", "sensetime", "2014"), ("xiaoou-tang", "WORKED_AT", "cuhk", "2014"), ("sensetime", "IN_YEAR", "2014", "")}),
    # the clauses before 由 speak of the institution alone
    ("日月光投資控股公司於2018年4月30日正式成立並掛牌上市，由日月光董事長張虔生出任董事長。",
     {("张虔生", "LEADS", "ase-group", "2018"), ("张虔生", "WORKED_AT", "ase-group", "2018"), ("ase-group", "IN_YEAR", "2018", "")}),
    # a hypothesis states nothing
    ("如果字节跳动收购了智谱，行业会不同。", set()),
    ("假如英特爾當年收購了輝達。", set()),
    ("If Google buys DeepMind, things will change.", set()),
    # a verb reaches its object past an article, a modifier with 的, a phrase naming its kind
    ("1998年，马化腾在深圳创立了腾讯。次年，该公司推出即时通讯软件OICQ。",
     {("pony-ma", "FOUNDED", "tencent", "1998"), ("tencent", "IN_YEAR", "1998", ""), ("tencent", "CREATED", "qq", "")}),
    ("2019年，華為發布了自研的鴻蒙作業系統。", {("huawei", "CREATED", "harmonyos", "2019"), ("harmonyos", "IN_YEAR", "2019", "")}),
    ("Sun Microsystems developed the programming language Java.", {("sun-microsystems", "CREATED", "java", "")}),
    # a sentence that opens with a technology goes on with it in a clause that opens with a verb of using; "it" is a thing
    ("BERT 基于 Transformer 的编码器结构，训练使用了 Cloud TPU。", {("bert", "USED", "transformer", ""), ("bert", "USED", "tpu", "")}),
    ("Caffe was released in 2013; it relied on CUDA.", {("caffe", "IN_YEAR", "2013", ""), ("caffe", "USED", "cuda", "2013")}),
    # a thing named twice in a row is one object ("残差网络 ResNet"): its makers worked together
    ("2015年，何恺明和孙剑提出了残差网络 ResNet。",
     {("kaiming-he", "CREATED", "resnet", "2015"), ("jian-sun", "CREATED", "resnet", "2015"),
      ("jian-sun", "COLLABORATED_WITH", "kaiming-he", "2015"), ("resnet", "IN_YEAR", "2015", "")}),
    # a word that holds a trigger ("到" in "受到") blocks only the shorter trigger, not itself
    ("PyTorch 受到了 Chainer 的影响。", {("chainer", "INFLUENCED", "pytorch", "")}),
    ("他受到了很大打击，后来到了谷歌。", set()),
    # what one reproduced or trained on, one used
    ("Fei-Fei Li reproduced AlexNet and trained on ImageNet.", {("fei-fei-li", "USED", "alexnet", ""), ("fei-fei-li", "USED", "imagenet", "")}),
    # a date right after the maker does not keep the word after it out of reach; institutions propose things too
    ("Keras 是 François Chollet 在 2015 年推出的。", {("francois-chollet", "CREATED", "keras", "2015"), ("keras", "IN_YEAR", "2015", "")}),
    ("ELMo 由艾伦人工智能研究所于 2018 年提出。", {("allen-ai", "CREATED", "elmo", "2018"), ("elmo", "IN_YEAR", "2018", "")}),
    # a role noun of making after the thing ("的主要作者之一", "the creator of")
    ("李沐是 MXNet 的主要作者之一。", {("mu-li", "CREATED", "mxnet", "")}),
    ("Guido van Rossum, the creator of Python, joined Google.",
     {("guido-van-rossum", "CREATED", "python", ""), ("guido-van-rossum", "WORKED_AT", "google", "")}),
    # the person after 师从 is the advisor, not the institution's student; "本科和硕士" names no company (和硕)
    ("Ian Goodfellow 前往蒙特利尔大学攻读博士，师从 Yoshua Bengio。", {("yoshua-bengio", "ADVISED", "ian-goodfellow", "")}),
    ("Ian Goodfellow 本科和硕士都在斯坦福大学就读。", {("ian-goodfellow", "STUDIED_AT", "stanford", "")}),
    # a pronoun's possessive owns the trigger after a word of its kind ("他的博士导师"), not a friend's deed
    ("李开复是研究员。他的博士导师是Raj Reddy。", {("raj-reddy", "ADVISED", "kai-fu-lee", "")}),
    ("Geoffrey Hinton 很忙。他的朋友在谷歌工作。", set()),
    # institutions 发表 things; a toolbox is a kind of thing between the verb and its name
    ("DeepMind于2017年发表了AlphaGo Zero。", {("deepmind", "CREATED", "alphago-zero", "2017"), ("alphago-zero", "IN_YEAR", "2017", "")}),
    # what the speaker's team "用的是" or "改用" they used
    ("主持人：您好 / 李宏毅：我們用的還是 HTK / 後來我們也跟著改用 Kaldi",
     {("hung-yi-lee", "USED", "htk", ""), ("hung-yi-lee", "USED", "kaldi", "")}),
    # 后者 is the last thing named; an institution that switched to a technology used it
    ("实验室开发了知识表示学习工具包 OpenKE，后者基于 TensorFlow 实现。", {("openke", "USED", "tensorflow", "")}),
    ("思必驰早期用 HTK 搭建了系统，后来转向了 Kaldi。", {("aispeech", "USED", "kaldi", "")}),
    # "the company" is the institution its sentence opens with, not the last one named
    ("Intel was founded in 1968 by Robert Noyce, a veteran of Fairchild Semiconductor. Three years later the company released the 4004.",
     {("robert-noyce", "FOUNDED", "intel", "1968"), ("robert-noyce", "WORKED_AT", "fairchild", "1968"), ("intel", "IN_YEAR", "1968", ""),
      ("intel", "CREATED", "4004", "")}),
    # nor a rumour, nor a yes-no question
    ("网上一直流传李飞飞曾在谷歌任职，这是误传。", set()),
    ("Is it true that Fei-Fei Li once worked at Google?", set()),
]

SUBJECT = "嗨，Yann，欢迎。"

# The interview subject speaks in the first person; these sentences follow the greeting above.
SPOKEN = [
    ("我在 Google 工作。", {("yann-lecun", "WORKED_AT", "google", "")}),
    # the issue's own example: "到" right before the place
    ("當我在 1988 十月到貝爾實驗室的時候，我做的第一件事是放大那個網路。", {("yann-lecun", "WORKED_AT", "bell-labs", "1988")}),
    ("我一直建議人們不要一開始就用 Tensorflow。", set()),
    ("我用 Python 写代码。", {("yann-lecun", "USED", "python", "")}),
    # a question is the interviewer's: its "I" is not the subject; its "you" is
    ("我想知道您是怎样加入 Google 的？", {("yann-lecun", "WORKED_AT", "google", "")}),
    ("我想知道 Google 是什么？", set()),
    # the generic "you" is anyone
    ("如果你用 Python，就很简单。", set()),
    # a possessive pronoun does not act: "my friend at Google released …" (Google did)
    ("我的朋友在谷歌发布了 BERT。", {("google", "CREATED", "bert", "")}),
    ("我纽约大学的学生很优秀。", set()),
    # naming a thing is not creating it
    ("类似我们现在称为 CRF 的东西。", set()),
    # a kind of thing is not the thing; a name qualifying another noun is not the object
    ("我发明了很多神经网络。", set()),
    ("我写了神经网络模拟器。", set()),
    # "在 X" alone yields to what the document says they did there
    ("我在剑桥的时候很开心。我在剑桥读本科。", {("yann-lecun", "STUDIED_AT", "cambridge", "")}),
    # two pronouns right together: "我跟他谈了很久"
    ("Geoffrey Hinton 来了。我跟他谈了很久。", {("geoffrey-hinton", "MET", "yann-lecun", "")}),
    # Chinese drops the speaker: a clause opening with "跟/和" speaks of the subject
    ("特别是跟 Yoshua Bengio 的合作非常愉快。", {("yann-lecun", "COLLABORATED_WITH", "yoshua-bengio", "")}),
    ("Google 和 Yoshua Bengio 的合作非常愉快。", set()),
    # a pronoun acts on in the clauses that go on with it
    ("Geoffrey Hinton 来了。他放弃了神经网络，并且对 Terry Winograd 的论文印象深刻。",
     {("terry-winograd", "INFLUENCED", "geoffrey-hinton", "")}),
    # going somewhere is weak: what follows says why
    ("后来我去了多伦多大学 去跟 Geoffrey Hinton 读博士。",
     {("yann-lecun", "STUDIED_AT", "utoronto", ""), ("geoffrey-hinton", "ADVISED", "yann-lecun", "")}),
    ("后来我去了多伦多大学。", {("yann-lecun", "WORKED_AT", "utoronto", "")}),
    # a place the subject acts in does not stand between it and what it made there; the verb after
    # the place has an object of its own
    ("2013年我在 Facebook 内部创建了 FAIR。",
     {("yann-lecun", "WORKED_AT", "facebook", "2013"), ("yann-lecun", "FOUNDED", "fair", "2013"), ("fair", "IN_YEAR", "2013", "")}),
    # the strongest word decides: "读博士" after the place, not the weak "在" before it
    ("我在史丹佛大學讀博士 指導教授是李飛飛", {("yann-lecun", "STUDIED_AT", "stanford", ""), ("fei-fei-li", "ADVISED", "yann-lecun", "")}),
    ("我大學念的是多倫多大學 後來他成了我的博士指導教授", {("yann-lecun", "STUDIED_AT", "utoronto", "")}),
    # relations do not reach across a change of speaker
    ("Google >> 我工作了很久。", set()),
]


@pytest.mark.parametrize("text,expected", SPOKEN)
def test_the_subject_speaking(tmp_path, text, expected):
    assert typed(tmp_path, SUBJECT + text)[1] == expected


@pytest.mark.parametrize("text,expected", GOLDEN)
def test_golden_relations(tmp_path, text, expected):
    assert typed(tmp_path, text)[1] == expected


def test_a_list_of_authors_all_created_it(tmp_path):
    _, edges = typed(tmp_path, "1986 年 Rumelhart、Hinton 和 Williams 提出了反向传播。")
    creators = {s for s, r, o, _ in edges if r == "CREATED" and o == "backpropagation"}
    assert creators == {"david-rumelhart", "geoffrey-hinton", "ronald-williams"}


def test_a_pronoun_stands_for_the_last_person_named(tmp_path):
    _, edges = typed(tmp_path, "我们谈到了 Ilya Sutskever。后来他加入了 OpenAI。")
    assert ("ilya-sutskever", "WORKED_AT", "openai", "") in edges


def test_the_title_names_the_subject(tmp_path):
    text = "专访 Andrej Karpathy：从多伦多到特斯拉\n\n我在 2011 年加入了谷歌。"
    _, edges = typed(tmp_path, text)
    assert ("andrej-karpathy", "WORKED_AT", "google", "2011") in edges


def test_without_a_subject_first_person_names_nobody(tmp_path):
    _, edges = typed(tmp_path, "我在 2003 年加入了谷歌。")
    assert edges == set()


def test_evidence_is_the_sentence_in_its_own_script_with_offsets(tmp_path):
    text = "開場白。後來 Geoffrey Hinton 發明了膠囊網路。結尾。"
    G, _ = typed(tmp_path, text)
    edge = G.edges["person:geoffrey-hinton", "tech:capsule-network", "CREATED"]
    [ev] = edge["evidence"]
    assert ev["doc"] == "t.txt" and text[ev["start"]:ev["end"]].strip() == ev["text"]
    assert "發明了膠囊網路" in ev["text"]
    assert 0 < edge["confidence"] <= 1
    co = G.edges["person:geoffrey-hinton", "tech:capsule-network", "CO_OCCURS"]
    assert co["confidence"] < edge["confidence"]


def test_relations_survive_graphml(tmp_path):
    G, _ = typed(tmp_path, "DeepMind 被谷歌收购了。")
    kg.write_graphml(G, tmp_path / "g.graphml")
    H = kg.load(tmp_path / "g.graphml")
    assert H.edges["org:google", "org:deepmind", "ACQUIRED"]["relation"] == "ACQUIRED"


@pytest.mark.parametrize("rule,message", [
    ("  - {relation: KNOWS, types: [PERSON, PERSON], triggers: [认识]}", "unknown relation 'KNOWS'"),
    ("  - {relation: MET, types: [PERSON, ROBOT], triggers: [认识]}", "types must be two of"),
])
def test_a_bad_relation_rule_fails_with_its_line(tmp_path, rule, message):
    (tmp_path / "relations.yaml").write_text(f"# mine\nrules:\n{rule}\n", encoding="utf-8")
    with pytest.raises(RulesError, match=rf"relations.yaml:3: {message}"):
        load_rules((str(tmp_path),))


def test_a_date_opens_a_clause_that_goes_on_with_the_speaker_and_dates_it_alone(tmp_path):
    text = "主持人：您在微软亚洲研究院待了多久？孙剑：差不多十三年。2003年我从西安交大博士毕业就加入了研究院，2015年和同事何恺明等人一起提出了ResNet。"
    edges = typed(tmp_path, text)[1]
    # "2015年和同事何恺明…": the clause drops its subject, the speaker; 2003 dates the clause before
    assert {("jian-sun", "CREATED", "resnet", "2015"), ("kaiming-he", "CREATED", "resnet", "2015")} <= edges
    assert ("jian-sun", "STUDIED_AT", "xjtu", "2003") in edges


def test_an_institution_after_cong_is_where_one_came_from(tmp_path):
    # "从联华电子分拆独立，由蔡明介创办": he founded the company that split off, not UMC
    edges = typed(tmp_path, "聯發科1997年從聯華電子分拆獨立，由蔡明介創辦並擔任董事長。")[1]
    assert not [e for e in edges if "umc" in e]


@pytest.mark.parametrize("text,speaks_at,expected", [
    ("李飞飞：我在斯坦福。", "我", "fei-fei-li"),
    ("Q: Where?\nFei-Fei Li, in a 2019 talk: I was at Stanford.", "I was", "fei-fei-li"),
    ("From Fei-Fei Li's memoir: I was at Stanford.", "I was", "fei-fei-li"),
    ("李飞飞：我在斯坦福。\n主持人：我明白了。", "我明白", ""),  # another label: no one's turn
    ("Fei-Fei Li joined Stanford in 2009: I was there too.", "I was", ""),  # no word of speaking: no label
])
def test_i_is_the_speaker_of_a_labelled_turn(text, speaks_at, expected):
    from kg.extract import Mention
    from kg.relation_rules import compiled
    from kg.speakers import speakers

    name = "李飞飞" if "李飞飞" in text else "Fei-Fei Li"
    start = text.index(name)
    mentions = [Mention("fei-fei-li", "PERSON", name, "t.txt", start, start + len(name))]
    _, patterns = compiled(load_rules(()))
    assert speakers(text, mentions, patterns)(text.index(speaks_at)) == expected
