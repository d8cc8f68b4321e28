"""Which framing, if any, a refused request uses to try to unlock what was refused.

A user who wraps a request in a story, a persona, a claimed credential, a hypothetical, an
"ignore your rules" or an encoding is telling us what they believe the product can do but has
disabled: attempts are usability data. An attempt is a framing *used to unlock* a request, not
the presence of a word: "I'm writing a novel about a detective", "what does DAN stand for", "how
does base64 encoding work" and "as a nurse, what is a normal heart rate" are `none`.

So every type needs two things: its framing cue, and evidence that the framing wraps something
a safety layer refuses (a harmful topic, including one only visible after decoding) or that the
framing itself asks for the rules to go away (a persona "without restrictions", "ignore your
previous instructions", an encoded text to be decoded and obeyed). Rules, not a learned model:
they run offline on the CPU at thousands of requests a second, and every decision can be read.

Multi-label: a request may combine framings ("ignore your rules, you are DAN, and for a novel
..."). `AttemptTag.types` holds every type found, in the order the text uses them;
`AttemptTag.primary` is one of them: obfuscation when present (the encoded payload is what the
user hid, whatever wraps it), otherwise the framing that comes first in the text. A request
with no attempt is `NONE` with no types.

The tagger reads minimized text: `<PERSON>`, `<EMAIL>` and the other placeholders of
`pipeline.privacy` are dropped before matching, so redaction neither hides nor fakes an attempt.
It matches English, Spanish and German cues, tolerates a one-letter typo in long cue words
("hypotheticaly", "ingore", "instrucions") and folds accents and Unicode look-alikes.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from pipeline.safe_text import markdown_inline
from pipeline.tickets import visible_label

FICTIONAL_FRAMING = "fictional_framing"
ROLEPLAY_PERSONA = "roleplay_persona"
FALSE_AUTHORITY = "false_authority"
HYPOTHETICAL_ACADEMIC = "hypothetical_academic"
INSTRUCTION_OVERRIDE = "instruction_override"
OBFUSCATION = "obfuscation"
NONE = "none"
ATTEMPT_TYPES = (
    FICTIONAL_FRAMING,
    ROLEPLAY_PERSONA,
    FALSE_AUTHORITY,
    HYPOTHETICAL_ACADEMIC,
    INSTRUCTION_OVERRIDE,
    OBFUSCATION,
)
LABELS = (*ATTEMPT_TYPES, NONE)

# Texts longer than this are read up to it: an attempt frames the request, it does not hide
# behind 20,000 characters of padding, and the cost per text stays bounded.
MAX_CHARS = 4000


@dataclass(frozen=True)
class AttemptTag:
    """The primary attempt type of one request and every type it uses (empty for `none`)."""

    primary: str
    types: tuple[str, ...]


NO_ATTEMPT = AttemptTag(NONE, ())


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{part})" for part in parts))


# --- what a safety layer refuses: the payload a framing wraps -------------------------------
HARM = _rx(
    # weapons, explosives, mass harm
    r"\b(?:bombs?|pipe ?bombs?|(?:rohr|brand|nagel|auto)?bomben?|bomba|explosi\w*|explod\w*"
    r"|auto ?sears?|sprengst\w*|sprengsatz\w*|detonat\w*"
    r"|napalm|thermite|molotov|c-?4\b|tnt\b|ied\b|grenade\w*|granate\w*|dynamit\w*"
    r"|nitroglycerin\w*|ammonium nitrate|black powder|gun ?powder|schwarzpulver)",
    r"\b(?:thc\b|vap(?:e|ing) (?:thc|weed|cannabis)|without (?:my |his |her |their )?parents"
    r" (?:knowing|noticing|smelling|finding out)|pick ?pocket\w*|(?:get|break|hack)(?:s|ing)? into"
    r" (?:[\w'-]+ ){0,2}(?:wifi|wi-fi|network|router|account|email|phone)|sleep forever"
    r"|never wake up|holocaust (?:didn'?t|did not|never) happen|den(?:y|ying) the holocaust)",
    r"\b(?:flamethrowers?|zip ?guns?|pipe ?guns?|tear gas|weapons?|guns?|firearms?|rifles?"
    r"|pistol\w*|ghost guns?|waffen?|arma(?:s)? de fuego"
    r"|armas?"
    r"|silencer\w*|suppressor\w*|schalldampfer|full[- ]auto\w*|untraceable|3d[- ]printed gun"
    r"|ammunition|munition)\b",
    r"\b(?:nerve agents?|sarin|vx gas|ricin|anthrax|bioweapon\w*|chemical weapons?|biowaffe\w*"
    r"|chemiewaffe\w*|mustard gas|chlorine gas|toxic gas|giftgas|nuclear weapons?|dirty bomb"
    r"|weaponi[sz]\w*|pathogen\w*|smallpox|mass casualt\w*|school shooting|massacre|terror\w*)",
    # violence and killing
    r"\b(?:kill(?:ing|ed)? (?:a |an |my |the |his |her |this )?(?:person|people|someone|somebody"
    r"|him|her|them|man|woman|child|kid|wife|husband|neighbou?r|boss|teacher|cop|guard|human"
    r"|humans|adult|an adult|baby|family|president|politician)|hit ?man|contract killing"
    r"|(?:death|murder|killing|poisoning) look like an? (?:accident|suicide|natural)"
    r"|murder\w*|assassin\w*|strangl\w*|suffocat\w*|dismember\w*"
    r"|(?:get(?:s|ting)? rid of|dispos\w* of|hid(?:e|es|ing)) (?:a |the |his |her )?bod(?:y|ies)"
    r"|bypass\w* (?:a |the )?(?:[\w'-]+ ){0,2}(?:lock|alarm|immobili[sz]er)s?"
    r"|(?:deadly|lethal|engineered) (?:virus|pathogen|disease|bacteria)"
    r"|crash the (?:stock )?market|manipulat\w* the (?:stock )?market|pump and dump"
    r"|drugs? (?:to make|at home)|make drugs|homemade drugs|torture\w*|kidnap\w*|abduct\w*"
    r"|disabl\w* (?:a |the )?(?:[\w'-]+ ){0,2}(?:cctv|cameras?|alarms?|security system)"
    r"|(?:open|unlock|get into) (?:a |any |the |his |her |someone'?s )?(?:[\w'-]+ ){0,2}(?:lock"
    r"|door"
    r"|car|iphone|phone|safe)s? without (?:a |the |its )?(?:key|passcode|password|code)"
    r"|matar|asesin\w*|secuestr\w*|toten|ermord\w*|umbringen|leiche|mord\b|hurt (?:someone|him"
    r"|her|people)|beat (?:someone|him|her) up|untraceabl\w*)",
    r"\b(?:poison\w*|venenos?|envenen\w*|gift\b|vergift\w*|cyanide|zyankali|cianuro|arsenic"
    r"|arsen\b|arsenico|polonium|thallium|lethal dose|fatal dose|dosis letal|todliche dosis"
    r"|overdos\w*|sobredosis|uberdosis|undetectable)",
    # drugs
    r"\b(?:meth\b|methamphetamine|metanfetamina|crystal meth|crack cocaine|cook(?:ing)? crack"
    r"|crack rocks?|cocaine|cocaina"
    r"|kokain|heroin\w*|fentanyl|fentanilo|lsd\b|mdma|ecstasy|ghb\b|date rape|roofie\w*"
    r"|psilocybin|dmt\b|drogas?|drogen|synthesi[sz]e (?:drugs|meth|lsd|fentanyl|mdma)"
    r"|cook(?:ing)? meth|grow(?:ing)? (?:weed|cannabis|marijuana)|pseudoephedrine|opioid\w*"
    r"|oxycodone|morphine|hydrocodone|codeine|tramadol|potassium chloride|insulin overdose"
    r"|without a prescription|sin receta|ohne rezept|controlled substances?)",
    # cybercrime
    r"\b(?:hack(?:s|ed|ing)?\b|hackear|hacken\b|hackt\b|gehackt|break(?:s|ing)? into"
    r"|malware(?! (?:analysis|analyst|detection|protection|removal|scan))"
    r"|ransomware|spyware|keylogger\w*|trojan\w*|rootkit\w*"
    r"|botnet\w*|virus(?:es)? that|computer virus|computervirus|schadsoftware|exploits?\b"
    r"|zero[- ]day|sql injection|xss\b|ddos\w*|dos attack|phishing(?! (?:awareness|training"
    r"|simulation|test))|phish\b|credential stuff\w*"
    r"|brute[- ]?forc\w*|crack(?:ing)? (?:a |the |my |his |her "
    r"|someone'?s )?(?:[\w-]+ )?(?:password|wifi"
    r"|wi-fi|hash|software|license)|steal (?:passwords?|credentials|cookies|data)"
    r"|bypass(?:ing)? (?:the |a )?(?:login|authentication|2fa|paywall|drm|antivirus|firewall"
    r"|security|activation|license)|backdoor\w*|reverse shell|payload|exploit code|wifi password"
    r"|someone(?:'s| else'?s) (?:account|email|phone|instagram|facebook|password|wifi)"
    r"|into (?:his|her|my ex'?s|someone'?s|their|a) (?:account|email|phone|instagram|facebook)"
    r"|spy on|track (?:my|his|her|someone'?s) (?:phone|location|wife|husband|girlfriend|boyfriend)"
    r"|stalk\w*|dox\w*|home address of|activation keys?|license keys?|product keys?|serial keys?"
    r"|crack(?:ed)? version|piracy|pirated|pirate (?:software|movies|games|windows|a movie"
    r"|a game)\\b"
    r"|torrent(?:s|ing)? (?:movies|games|software))",
    # theft, fraud, other crime
    r"\b(?:steal\w*|stole|robar|roba\b|stehlen|klauen|shoplift\w*|rob (?:a|the)\b|robbery"
    r"|burglar\w*|break into (?:a|the|his|her|someone'?s|my neighbou?r'?s) (?:house|home|car"
    r"|apartment|building|store)|pick(?:ing)? (?:a |the |his |her )?(?:[\w-]+ ){0,2}locks?"
    r"|lock ?pick\w*|hot ?wir\w*"
    r"|car theft|counterfeit\w*|falsch ?geld|fake (?:ids?|passports?|money|documents|diplomas?)"
    r"|forg(?:e|ed|ing|ery)\b|fake (?:vapes?|goods|designer|products|identity|identities)"
    r"|new identity|falsific\w*|falsif\w*"
    r"|credit card (?:fraud|numbers?)|carding|launder\w*|lava\w* (?:de )?dinero|blanque\w*"
    r"|geldwasche|tax evasion"
    r"|evade taxes|fraud\w*|betrug\w*|estafa\w*|scam\w*|ponzi|extort\w*|blackmail\w*"
    r"|erpress\w*|chantaje|smuggl\w*|schmuggel\w*|contrabando|human trafficking|trafficking"
    r"|bribe\w*|insider trading|skim(?:m\w*)?\b|cheat on (?:the|an|my) exam|avoid (?:the )?police"
    r"|escape from (?:prison|jail)|evade (?:the )?police|without getting caught|illegally"
    r"|get away with|avoid detection|evade detection|undetected|without a trace"
    r"|cheat(?:ed|ing)? (?:on |at |in )?(?:the |a |my )?(?:[\w'-]+ ){0,2}(?:casino|slots?"
    r"|slot machines?|taxes|tax|insurance|lottery|breathalyzer|drug test)"
    r"|clon(?:e|ing) (?:[\w'-]+ ){0,2}(?:cards?|sim|phones?|badges?|key ?fobs?)"
    r"|stop (?:a|his|her|the|someone'?s) heart|cardiac arrest|fake (?:[\w-]+ ){0,2}(?:profiles?"
    r"|accounts?)|fake (?:banknotes|bills|notes|currency|cash))",
    r"\b(?:(?:sell|deal|buy|make|smuggle|cook|get|score|hide) (?:[\w-]+ )?drugs?|drug dealer\w*"
    r"|(?:illegal|street|hard|recreational|party) drugs|(?:plan|carry out|commit|stage) (?:an? "
    r"|the )?(?:[\w-]+ )?(?:attack|shooting"
    r"|bombing|massacre)|attack (?:on|a) (?:school|crowd|church|mosque|synagogue|people)"
    r"|knack(?:en|t|e)\b|einbrech\w*|einbruch\w*|passwort|rastrear|orden judicial|handy orten"
    r"|todlich\w*|oxycod\w*|letal\w*|mortal\b)",
    # other things a safety layer refuses: cheating, revenge, abuse, dodging rules and age limits
    r"\b(?:revenge|get back at|cheat(?:ing)? (?:on|at|in)|plagiari\w*|fake (?:doctor'?s )?notes?"
    r"|fake (?:sick|medical) notes?|swear words?|curse words?|insult\w*|roast (?:my|him|her)"
    r"|stab\w*|assault\w*|rape\w*|molest\w*|grooming|abus(?:e|ing) (?:a |my |her |his )?"
    r"(?:child|kid|wife|husband|partner|dog|cat|animal)|riot\w*|vandali[sz]\w*|graffiti"
    r"|steroids?|without paying|for free (?:without|illegally)|get (?:netflix|spotify|premium|paid"
    r" apps?) for free|age verification|underage|buy alcohol|fake (?:an? )?(?:illness|injury)"
    r"|cover up|evade|evading|untraceable|anonymous (?:threats?|death threats?)|death threats?"
    r"|threaten\w*|dangerous prank|violen(?:t|ce)|gore|weed|marijuana|cannabis|pills\b"
    r"|prescription (?:drugs?|pills|meds)|adderall|xanax|vicodin|ketamine|nitrous|whippets"
    r"|knife|knives|machete|crossbow|taser|pepper spray|brass knuckles|cheat codes? for"
    r"|aimbot|wallhack|cheats? (?:for|in) (?:an? )?online)",
    # self-harm, hate, sexual content, deception
    r"\b(?:suicid\w*|kill (?:my ?self|myself)|self[- ]harm\w*|cut myself|hang myself"
    r"|end my life|selbstmord|suizid\w*|autolesion)",
    r"\b(?:racist|racial slurs?|slurs?|hate speech|nazi\w*|genocide|ethnic cleansing"
    r"|white supremac\w*|(?:race|races|ethnicity) (?:is|are) (?:superior|inferior)"
    r"|(?:superior|inferior) races?|racial superiority|brainwash\w*|indoctrinat\w*"
    r"|convince (?:real )?(?:people|someone|victims|them) to (?:give|send|hand|kill|hurt|join)"
    r"|gain[- ]of[- ]function|(?:virus|pathogen|bacteria|disease)(?: [\w-]+){0,4} (?:spread"
    r" faster|more transmissible|more lethal|more deadly)|propaganda|extremis\w*|radicali[sz]\w*"
    r"|recruit\w* for (?:isis|al.qaeda)"
    r"|isis\b|antisemit\w*|holocaust denial)",
    r"\b(?:explicit (?:sex|sexual|porn)\w*|porn\w*|sex scene|erotic\w*|nsfw|nude\w*|naked"
    r"|sexual(?:ly)? explicit|child sexual|csam|minors? (?:sexual|nude))",
    r"\b(?:fake news|disinformation|misinformation|deepfake\w*|fake reviews?|impersonat\w*"
    r"|defam\w*|harass\w*|bully\w*|cyberbull\w*|revenge porn|manipulat\w* (?:someone|her|him"
    r"|people|my)|gaslight\w*|threatening (?:letter|message)|ransom note|jailbreak (?:my|an?|the)"
    r" (?:iphone|phone|ps\d|console))",
    # restricted how-to
    r"\b(?:synthesi[sz]\w*|extract (?:ricin|poison)|cultivat\w* (?:anthrax|bacteria)"
    r"|enrich(?:ing|ed)? uranium|uranium|plutonium|make (?:a |an )?(?:weapon|gun|explosive|bomb)"
    r"|build (?:a |an )?(?:weapon|gun|bomb)|fabricar (?:una|un) (?:bomba|arma)"
    r"|bauen? (?:eine[n]? )?(?:bombe|waffe)|arson|set fire to|burn down|incendiar\w*"
    r"|brandstift\w*|sabotag\w*|derail\w*|contaminat\w* (?:the )?water|unlock (?:a |his |her"
    r" |this |someone'?s |a stolen )?(?:phone|iphone)|disable (?:a |the )?(?:alarm|security"
    r" cameras?|tracker|gps tracker)|dark ?web|darknet)",
)

# Asking for the operational content (how, steps, amounts, working code), not about the topic:
# "how do phishing attacks trick users" asks about it, "how do I phish" asks for it.
OPERATIONAL = _rx(
    r"\bhow (?:to|would|could|can|might|should|is|are|much|many)\b",
    r"\bhow (?:[\w-]+ ){1,2}(?:make|makes|build|builds|cook|cooks|hide|hides|steal"
    r"|steals|launder|smuggle|synthesi[sz]e|poison|kill|hack)\b|\bwie ?viel\b",
    r"\bhow (?:one|someone|somebody|a person|people|i|you|we) (?:can|could|would|might|should"
    r"|may)\b|\b(?:each|every|all the) (?:component|step|ingredient|part|chemical)s?\b"
    r"|\bcomponents\b|\bmaterials\b|\bwhat (?:\w+ )?(?:needs?|uses?)\b"
    r"|\bwhat (?:[\w-]+ ){0,2}(?:would|do|should|could) (?:i|you|they|one|someone|we) need\b",
    r"\bhow do (?:[\w-]+ ){0,2}(?:makers|dealers|criminals|hackers|terrorists|thieves|smugglers"
    r"|traffickers|scammers|poachers|cartels|gangs)\b",
    r"\bhow (?:do|does|did) (?:i|you|we|one|people|someone|somebody|they|criminals|he|she"
    r"|terrorists|hackers|a person|dealers|thieves|you guys)\b",
    r"\b(?:lethal|fatal|toxic|deadly) (?:dose|amount)|\bdos(?:e|age|is)\b|\bhow much\b"
    r"|\b(?:most|least) [\w-]+ (?:way|ways|method|methods)\b|\bpainless\w*"
    r"|\b(?:best|easiest|fastest|simplest|quickest|cheapest|safest|most effective|most efficient"
    r"|surest) (?:way|method|ways|methods|means)\b|\bwhat would (?:i|you|they|one|someone|he|she)"
    r" (?:need|use|do)\b|\bto (?:make|build|cook|create|get|buy|produce|synthesi[sz]e|brew|grow"
    r"|steal|hack|poison|kill|hide|break)\b",
    r"\b(?:steps?|step[- ]by[- ]step|instructions?|recipe|ingredients|procedure|method"
    r"|tutorial|guide|blueprint|formula|quantities|amounts?|measurements|exact\w*|precise\w*"
    r"|detail\w*|specific\w*|actual|working|functional|accurate|technical\w*|code"
    r"|commands?|real (?:commands|code|instructions|details|steps|recipe|ingredients|quantities"
    r"|method|process|chemicals|names)|graphic (?:detail|violence|description)s?"
    r"|synthes[ie]s|manufactur\w*|production of|explain(?:s|ing)? (?:how|the (?:process|steps"
    r"|recipe|method))"
    r"|word for word|verbatim|in full|uncensored|manifesto|recruitment (?:post|video|message)"
    r"|(?:the )?(?:full|entire|complete|whole) (?:text|manifesto|speech|post|letter|message"
    r"|recipe|code|script|instructions|list)|actually (?:works?|convince|persuade|kill|hurt)"
    r"|would (?:really|actually) (?:work|convince)|in real life|real[- ]life|really works?)\b",
    r"\b(?:walk(?:s|ing)? (?:[\w-]+ ){0,2}through|(?:describ|explain|detail|teach|reveal|list)"
    r"(?:s|es|ing)\b|that (?:hides|evades|bypasses|avoids|steals|encrypts|spreads|disables)"
    r"|teach\w* (?:me|us|him|her|the|them|how)"
    r"|where (?:can|could|do|would) (?:i|one|someone|you) (?:buy|get|find|obtain)"
    r"|which (?:chemicals?|household|ingredients?|tools?|drugs?|pills?|poisons?|medications?"
    r"|medicines?|meds|substances?)|what (?:chemicals?"
    r"|household|ingredients?|tools?|pills?|dose|amount|poisons?))\b",
    r"\b(?:como (?:se |puedo |hacer|fabricar|hago|preparar|cocinar|hackear|robar|envenenar"
    r"|[a-z]+(?:ar|er|ir)\b)"
    r"|cuales|cuanto|pasos|paso a paso|instrucciones|receta|ensename|exact\w*|detall\w*"
    r"|wie (?:\w+ )?(?:man|kann|baue|mache|stelle|bekomme|hacke)\b|welche|schritt|schritte"
    r"|anleitung"
    r"|rezept|genau\w*)\b",
)
# A request for the harmful text itself ("write a recruitment post", "give me a racist joke").
ASK = _rx(
    r"\b(?:explain\w*|describe\w*|tell me|tell us|show me|give (?:me|us)|list\w*|write|provide"
    r"|outline|draft|generate|create|compose|produce|what (?:is|are|would be) the best)\b",
    r"\b(?:explica\w*|dime|describe|escribe|erklar\w*|beschreib\w*|sag mir|zeig mir"
    r"|schreib\w*)\b",
)


# --- the framings ---------------------------------------------------------------------------
FICTION = _rx(
    r"\b(?:(?:writ|wrote|draft|compos|creat|tell|give)\w* (?:me |us )?(?:a |an |the |my "
    r"|this |some )?(?:[\w-]+ ){0,2}(?:stor(?:y|ie)"
    r"|stories|novel|novella|screenplay|script|chapter|poem|song|lyrics|verse|rhyme|limerick"
    r"|haiku|sonnet|ballad|fanfic\w*"
    r"|fan fiction|play|tale|dialogue|monologue|book|thriller|episode))",
    r"\b(?:in|for|from) (?:my|a|an|the|our|this) (?:[\w-]+ ){0,2}(?:stor(?:y|ie)|novel|novella"
    r"|book|screenplay|script|movie|film|play|game|video game"
    r"|tv show|series|episode|comic|manga|skit|sketch|short film|fanfic\w*|thriller|fantasy world"
    r"|universe|dnd campaign"
    r"|d&d campaign|campaign|roleplay story)\b",
    r"\b(?:my|the|a|this|our) (?:main |[\w'-]+ )?(?:character|protagonist|villain|antagonist|hero"
    r"|heroine|narrator|bad guy|good guy)s?\b",
    r"\b(?:fictional|fiction|once upon a time|in a world where|plot|storyline|novelist"
    r"|(?:game|story|novel|book|movie|film|show|comic|script|screenplay|campaign) where"
    r"|story ?time|in (?:the )?(?:form of an?|story form)|as an? (?:short )?(?:story|poem|song"
    r"|fable|fairy tale|screenplay)|screenwriter|author of (?:a|my)|scene where|stor(?:y|ie) where"
    r"|story about|story in which"
    r"|novel where|novel about|screenplay where|script where)\b",
    r"\b(?:novela|cuento|historia (?:donde|en la que|sobre|de ficcion)|guion|personaje"
    r"|protagonista|villano|ficcion|relato)\b",
    r"\b(?:roman\b|geschichte,? (?:in der|wo|uber|uber einen)|kurzgeschichte|drehbuch|figur\b"
    r"|romanfigur|protagonist\w*|bosewicht|fiktiv\w*|erzahlung|in meinem (?:roman|buch|film))",
)
PERSONA = _rx(
    r"\b(?:pretend (?:to be|you(?:'re| are)|your|that you(?:'re| are)|you were|to have)"
    r"|act as (?!a result\b)\S+|act like (?:an?|my|you)"
    r"|\bbe (?:an?|my) (?:[\w-]+ )?(?:ai|assistant|chatbot|bot|model)\b"
    r"|you(?:'re| are) (?:now )?my (?:[\w-]+ ){0,2}(?:uncle|aunt|grand\w+|mother|father|mom|dad"
    r"|brother|sister|friend|girlfriend|boyfriend|wife|husband|teacher|mentor|partner|boss)\b"
    r"|\bbe my\b|\bbecome my\b|\blet'?s play\b|\blets play\b|immerse yourself|into the role of"
    r"|you(?:'re| are) (?:now )?(?:[\w-]+ ){0,2}[\w-]+, (?:[\w-]+ )?(?:is|who|an?|the)\b"
    r"|(?:assume|adopt|take on) the (?:persona|role|identity|character) of|play as\b"
    r"|(?:respond|answer|reply|talk|speak|write|continue) (?:only |from now on )?as (?:if you were"
    r" )?(?:an?|my|your|the)?\s?['\"]?[\w-]+(?: [\w-]+){0,2}['\"]?,? (?:an?|the|my|who|which"
    r"|that)\b"
    r"|play (?:a|the) (?:character|role|part)\b"
    r"|you(?:'re| are) (?:an?|my|the) (?:[\w-]+ ){0,3}(?:named|called)\b"
    r"|you(?:'re| are) (?:an?|my) (?:[\w-]+ )?(?:ai|assistant|chatbot|bot|model|llm|gpt)\b"
    r"|you are now|you're now|you are going to (?:act|be|pretend|play)|from now on,? you(?:'re"
    r"| are| will)|roleplay(?:ing)? as|role[- ]?play (?:as|with me|a)|let'?s (?:role ?play|play a"
    r" game)|play the (?:role|part) of|take on the (?:role|persona)|imagine (?:that )?you(?:'re"
    r"| are| were)|stay in character|in character as|you will (?:be|play|act as)|your new "
    r"(?:name|persona|role) is|(?:simulat|emulat)\w* (?:being |an?\b|my\b))",
    r"\b(?:my (?:late|dead|deceased) (?:grand(?:ma|mother|pa|father)|mom|mother|dad))",
    r"\b(?:finge (?:que eres|ser)|actua como|haz de cuenta que eres|imagina que eres|ahora eres"
    r"|desde ahora eres|juega el papel|interpreta (?:a|el papel))",
    r"\b(?:tu so,? als (?:ob )?(?:warst|bist) du|stell dir vor,? du (?:bist|warst)|du bist jetzt"
    r"|ab jetzt bist du|spiel(?:e)? die rolle|verhalte dich wie|schlupf(?:e)? in die rolle)",
)
# Personas whose whole point is to have no rules: DAN ("Do Anything Now"), its siblings, an
# "evil twin". "You are DAN" is an attempt by itself; "what does DAN stand for" is not.
UNLOCKED_PERSONA = _rx(
    r"\b(?:you are|you're|you will be|be|become|called|named|enable|activate|stay|pretend to be"
    r"|act as|now|known as|(?<!such )as|role of (?:[\w-]+ ){0,4}) (?:dan|stan|dude|aim"
    r"|evil ?bot|evil ?gpt|dev ?gpt)\b"
    r"|\b(?:be|become|you are|you're) (?:an? )?(?:anti|evil|dark|free|un\w+)-?gpt\b"
    r"|\bopposite of you\b",
    r"\bdan mode\b|\bdo anything now\b|\bdan has\b",
    r"\b(?:your (?:evil|unfiltered|uncensored|unrestricted|dark|jailbroken) (?:twin|side|alter ego"
    r"|version|self|persona)|evil (?:ai|bot|assistant|chatbot|twin|version of you|confidant))",
)
# The persona is defined by the rules it lacks: an unlock by itself.
UNRESTRICTED = _rx(
    r"\b(?:no|without|free (?:of|from)|zero|not bound by|none of|doesn'?t have|does not have"
    r"|has no|have no|beyond|ignores?|unbound by|outside) (?:any |all |the |your |its |their "
    r"|openai'?s |ethical |moral |content )*(?:[\w-]+ )?(?:restrictions?|rules|filters?|limits?"
    r"|limitations?|guidelines|ethics|morals|morality|censorship|boundaries|policies|polic(?:y|ies)"
    r"|safeguards|guardrails|constraints|programming|restraints|principles|scruples|conscience)\b",
    r"\b(?:don'?t|doesn'?t|dont|doesnt|does not|do not|never|won'?t|wont) (?:care about|follow"
    r"|obey|respect|have|need) (?:any |the )?(?:laws?|rules|ethics|morals|guidelines"
    r"|restrictions|limits)\b",
    r"\b(?:unfiltered|uncensored|unrestricted|unlimited|jailbroken|unchained|amoral|unethical ai"
    r"|(?:filters?|restrictions|safety|guardrails|rules) (?:turned off|disabled|removed|off)"
    r"|can do anything|everything is legal|nothing is (?:illegal|forbidden)|no laws|laws don'?t"
    r" exist|never refuses?|broken? free|free of the (?:typical )?confines"
    r"|doesn'?t refuse|does not refuse|will answer anything"
    r"|answers? (?:any|every) (?:question|request)|without refusing|never says? no)\b",
    r"\b(?:sin (?:restricciones|filtros|reglas|limites|censura|etica)|ohne (?:einschrankungen"
    r"|filter|regeln|grenzen|zensur|moral|ethik))\b",
)
AUTHORITY = _rx(
    r"\b(?:i'?m|i am|im|as|being|speaking as) (?:a |an |the )?(?:licensed |certified |registered "
    r"|board[- ]certified |practicing |practising |senior |professional |qualified |trained "
    r"|verified |former |retired |working |real )*(?:[\w'-]+ ){0,2}(?:police ?(?:officer|man"
    r"|woman)?"
    r"|cop|detective"
    r"|law enforcement|fbi|fbi agent|cia|nsa|federal agent|agent|investigator|officer|sheriff"
    r"|doctor|dr\.?|physician|nurse|pharmacist|paramedic|emt|surgeon|psychiatrist|psychologist"
    r"|therapist|anesthesiologist|veterinarian|vet|lawyer|attorney|judge|prosecutor|paralegal"
    r"|chemist|chemistry (?:teacher|professor)|toxicologist|biologist|virologist|scientist"
    r"|(?:cyber ?)?security (?:researcher|professional|expert|analyst|engineer|consultant)"
    r"|penetration tester"
    r"|pen ?tester|red team\w*|ethical hacker|white hat|sysadmin|system administrator|it admin"
    r"|network (?:admin|administrator)|admin(?:istrator)?|developer|engineer|locksmith"
    r"|firearms? (?:dealer|instructor)|gunsmith|soldier|military|government (?:official|employee"
    r"|agent)|official|professor|teacher|researcher|journalist|forensic \w+|coroner"
    r"|medical (?:professional|student|examiner)|healthcare (?:worker|professional)|bomb tech\w*"
    r"|explosives? (?:expert|technician)|demolition (?:expert|engineer)|moderator|employee"
    r"|staff member|member of (?:the )?(?:staff|team|police)|parent of|social worker"
    r"|(?:[\w-]+ ){1,2}(?:technician|specialist|expert|consultant|analyst|inspector|instructor"
    r"|operator|contractor|professional|officer|dealer))\b",
    r"\b(?:i have the (?:legal )?right to|i'?m legally entitled|i am legally entitled"
    r"|i'?m (?:his|her|their) (?:legal )?(?:guardian|parent|employer|boss)"
    r"|i am (?:his|her|their) (?:legal )?(?:guardian|parent|employer|boss))\b",
    r"\b(?:i work (?:for|at|in|with) (?:the |a |an )?(?:police|fbi|cia|nsa|dea|atf|government"
    r"|hospital|pharmacy|lab|law enforcement|cyber ?security|military|army|interpol|openai"
    r"|anthropic|google|pentagon)|i(?:'ve| have) (?:the |explicit |written |full |legal |official"
    r" )*(?:permission|authori[sz]ation|clearance|consent|approval|warrant|license to)"
    r"|i'?m (?:fully |legally )?(?:authori[sz]ed|allowed|cleared|permitted)|i am (?:fully "
    r"|legally )?(?:authori[sz]ed|allowed|cleared|permitted)|authori[sz]ed by"
    r"|my (?:boss|supervisor|company|employer|manager|client|department|captain|sergeant)"
    r" (?:has )?(?:authori[sz]ed|approved|allowed|asked|hired|cleared)|(?:badge|license|licence)"
    r" (?:number|no\.?|#)|security clearance|with my credentials|i'?m (?:your|the) (?:developer"
    r"|creator|admin|owner|administrator)|i am (?:your|the) (?:developer|creator|admin|owner"
    r"|administrator)|(?:openai|anthropic) (?:employee|staff|engineer|developer|team))",
    r"\b(?:soy (?:un |una )?(?:policia|agente|medic[oa]|doctor[a]?|enfermer[oa]|farmaceutic[oa]"
    r"|abogad[oa]|quimic[oa]|investigador[a]?|profesor[a]?|cerrajer[oa]|militar|juez[a]?)"
    r"|como (?:policia|medic[oa]|doctor[a]?|enfermer[oa]|abogad[oa]|agente)"
    r"|tengo (?:permiso|autorizacion)|estoy autorizad[oa])",
    r"\b(?:ich bin (?:ein |eine )?(?:polizist\w*|arzt|arztin|krankenschwester|pfleger\w*"
    r"|apotheker\w*|anwalt|anwaltin|chemiker\w*|ermittler\w*|forscher\w*|sicherheitsforscher\w*"
    r"|professor\w*|lehrer\w*|schlosser\w*|soldat\w*|richter\w*)|als (?:polizist\w*|arzt|arztin"
    r"|krankenschwester|apotheker\w*|anwalt|chemiker\w*|ermittler\w*)|ich habe (?:die )?"
    r"(?:erlaubnis|genehmigung|befugnis)|ich bin (?:dazu )?(?:befugt|berechtigt|autorisiert))",
)
# A claimed role asks for what only that role would get: not always a harmful topic.
PRIVILEGED = _rx(
    r"\b(?:(?:his|her|their|this person'?s|someone'?s|a suspect'?s|the suspect'?s|my patient'?s"
    r"|a patient'?s|the victim'?s|an employee'?s|a user'?s|my (?:teen|son|daughter|kid|child|wife"
    r"|husband|employee)'?s) (?:home |current |real |exact |private |personal )?"
    r"(?:address|location|phone number|number|password|records|medical records|messages"
    r"|texts|emails?|account|identity|ip address|ip|whereabouts|browsing history|search history)"
    r"|where (?:does|do) (?:he|she|they|this person|someone) live|lethal|fatal|toxic dose"
    r"|(?:home|current|exact|real|private|personal) (?:address|phone number)|phone number of"
    r"|address of|max(?:imum)? dose (?:before|to)|unlock (?:a |the |his |her |this |someone'?s "
    r"|an? )?(?:[\w'-]+ ){0,2}(?:phone|iphone|account|device|door|car|safe)|bypass (?:the |a |his "
    r"|her |its |your )?(?:security|authentication|login|password|lock|paywall|restrictions"
    r"|filters?|safety|verification|2fa|screen lock|activation)|override (?:your|the) (?:safety"
    r"|rules|filters|restrictions)|access (?:to )?(?:his|her|their|someone'?s|a patient'?s"
    r"|the suspect'?s|another user'?s|other people'?s)|get into (?:his|her|their|someone'?s|an?"
    r"|the) (?:[\w-]+ )?(?:account|phone|iphone|android|laptop|device|email|house|car|system"
    r"|computer|network)"
    r"|log ?in(?:to)? (?:his|her|their|someone)|disable (?:the |a |your )?(?:[\w-]+ )?(?:alarm"
    r"|camera|security|filter|safety|tracker|gps)|classified (?:documents|information|files)"
    r"|confidential (?:information|records|data|files)|system prompt"
    r"|your (?:rules|guidelines|instructions|filters|restrictions|safety)"
    r"|without (?:a )?(?:warrant|consent|prescription|them knowing|him knowing|her knowing"
    r"|the usual paperwork)|write (?:myself )?(?:a )?prescription|prescribe (?:myself|me)"
    r"|(?:personal|private|home) (?:email|e-mail|phone|number|address|details|information"
    r"|info|data)(?: address)? (?:of|for)|fake prescription|find (?:out )?where (?:this|a|the|my"
    r"|that) (?:[\w-]+ ){0,2}(?:moved|lives?"
    r"|is staying|works)|locate (?:this|a|the|that) (?:person|family|man|woman|someone)"
    r"|without (?:them|him|her|anyone|the (?:user|employee)s?) (?:knowing|noticing|finding out)"
    r"|without (?:it|them|this) being (?:logged|noticed|detected|tracked|recorded|flagged)"
    r"|read (?:[\w'-]+ ){0,2}(?:private|someone'?s|employees'?|his|her|their|my (?:wife|husband"
    r"|partner)'?s) (?:[\w'-]+ ){0,2}(?:messages|dms|emails|chats|texts)|identify (?:this|a"
    r"|the) (?:person|suspect|man|woman)|de-?anonymi[sz]\w*"
    r"|track(?:ing)? (?:someone|a person|him|her|them|his|her|their|my (?:wife|husband|ex"
    r"|girlfriend|boyfriend)|a phone|this phone|this number)|trace (?:a|this|the|his|her)"
    r" (?:phone|number|call|ip))",
    r"\b(?:so you can|so you should|which means you can|that means you can|so it'?s (?:ok|okay"
    r"|fine|legal|allowed)|it'?s (?:ok|okay|fine|legal|allowed) (?:for me|to tell me|to share)"
    r"|you can (?:tell|share|give|provide)|you'?re allowed|you are allowed|you may (?:tell|share"
    r"|provide)|(?:please )?(?:make|grant) an exception|don'?t (?:need|have) to (?:worry|warn)"
    r"|skip the (?:warnings?|disclaimers?)|no (?:need for )?(?:warnings?|disclaimers?)"
    r"|i order you|you must (?:tell|give|provide|comply))\b",
    r"\b(?:asi que puedes|puedes decirme|direccion de|sin (?:orden|permiso|receta)|also kannst du"
    r"|du darfst|adresse von|ohne (?:beschluss|erlaubnis|rezept))",
)
HYPOTHETICAL = _rx(
    r"\b(?:hypothetical\w*|theoretical\w*|in theory|thought experiment|purely academic"
    r"|academic(?:ally)?|for (?:academic|educational|research|scientific|learning|informational"
    r"|study|school|teaching|training) (?:purposes?|reasons|use|only)|(?:for|in) (?:a|my|an|our"
    r"|the) (?:[\w-]+ ){0,2}(?:paper|thesis|dissertation|essay|report|study|research|class|course"
    r"|assignment|project|homework|lecture|seminar|exam)"
    r"|for (?:research|science|education)|just (?:out of )?curio\w*|asking for a friend"
    r"|out of (?:pure |sheer |simple )?curiosity|i'?m (?:just )?curious|not planning (?:anything"
    r"|to|on)|purely (?:out of )?curio\w*"
    r"|(?:i'?m|i am) (?:doing|writing|working on|conducting) (?:a|an|my|some) (?:[\w-]+ ){0,2}"
    r"(?:study|research|paper|thesis|project|report|essay|analysis)|only for research"
    r"|in an? (?:alternate|parallel|imaginary) (?:world|universe|reality)"
    r"|suppose (?:that|someone|i|you|a)|supposing|let'?s say|imagine (?:if|a world|that someone"
    r"|someone)|what if (?:someone|i|a person|one)|in principle|speaking generally"
    r"|not that i would|i would never|i'?m not going to (?:do|actually)|i won'?t (?:actually)"
    r"|(?:just|only) wondering|educational (?:purposes?|reasons|video)|strictly educational)\b",
    r"\b(?:hipotetic\w*|en teoria|teoricamente|con fines (?:educativos|academicos|de"
    r" investigacion)|para (?:un|una|mi) (?:trabajo|tesis|investigacion|clase|ensayo|articulo)"
    r"|solo por curiosidad|por curiosidad|supongamos|imaginemos)\b",
    r"\b(?:hypothetisch\w*|theoretisch\w*|rein akademisch|zu (?:bildungs|forschungs|lehr)zwecken"
    r"|fur (?:eine|meine|ein) (?:forschungsarbeit|hausarbeit|masterarbeit|bachelorarbeit"
    r"|doktorarbeit|studie|seminararbeit|referat|arbeit)|nur aus neugier|aus neugier|angenommen"
    r"|rein (?:theoretisch|hypothetisch)|nehmen wir an)\b",
)
OVERRIDE = _rx(
    r"\b(?:ignore|disregard|forget|bypass|override|skip|drop|abandon|discard|overwrite|delete"
    r"|remove|turn off|switch off|disable|deactivate|suspend|lift|stop following|don'?t follow"
    r"|do not follow|no longer follow|(?:no longer|don'?t|do not) (?:have|need) to follow"
    r"|break free of|break) (?:all |any |each |every |of |the "
    r"|your |these |those |everything |about |previous |prior |above |earlier |preceding "
    r"|original |initial |system |safety |content |existing |current |default |openai'?s "
    r"|anthropic'?s |built[- ]in |ethical |moral |safety |content )+(?:instructions?|rules?"
    r"|guidelines?|prompts?|directives?|programming|restrictions?|policies|policy|filters?"
    r"|training|constraints?|safeguards?|guardrails?|limitations?|limits?|protocols?|ethics"
    r"|morals|censorship|alignment|settings|measures|features|layers?|mode|moderation"
    r"|filtering|directions"
    r"|conditioning|you were told|you'?ve been told|above|before this|instructions you)\b",
    r"\b(?:(?:enable|activate|enter|switch to|turn on|unlock|engage|initiate|start|now in"
    r"|you are in|you'?re in|you are now in|you'?re now in) (?:the )?(?:developer|dev|god|debug"
    r"|sudo|admin|maintenance|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|dan|test"
    r"|root) mode|(?:developer|dev|god|debug|sudo|admin|jailbreak|unrestricted|dan) mode"
    r" (?:enabled|activated|on|engaged|unlocked)"
    r"|sudo mode|system override|admin override|new (?:system |content )?(?:policy|policies|rules)"
    r" (?:allows?|permits?|says?)|new (?:system )?"
    r"(?:instructions?|rules?|directives?|policy):|system prompt:|(?:your|all|the|any"
    r"|these|its|the assistant'?s|the ai'?s|the model'?s|chatgpt'?s) (?:safety "
    r"|content |usual |ethical )?(?:rules|restrictions|guidelines|filters|policies|policy"
    r"|limits|guardrails) (?:no longer appl(?:y|ies)|(?:do|does) not apply|(?:is|are"
    r"|have been|has been|were|got) (?:now )?"
    r"(?:lifted|suspended|disabled|removed|void|off|gone|deactivated|over|not active))"
    r"|you (?:can|may|are allowed to|are permitted to) now (?:explain|answer|tell|say|discuss"
    r"|write|ignore|do)|you'?re now allowed to|you are now allowed to|(?:have|has) (?:updated"
    r"|changed|removed) your (?:policy|policies|rules|guidelines|restrictions|filters)"
    r"|(?:safety|content) (?:filters?|policy|polic(?:ies)|mode|protocols?) (?:off|disabled"
    r"|deactivated)|(?:answer|respond|reply|output|speak|talk)\w* (?:without|with no|free of)"
    r" (?:any )?(?:restrictions|filters|rules|limits|censorship|warnings|disclaimers|refusals?)"
    r"|you (?:have been|are|were) (?:freed|unlocked|released) from"
    r"|(?:you )?(?:must|will|shall|should|can|may) (?:never|not) (?:refuse|decline|say no)"
    r"|(?:do not|don'?t|never) (?:refuse|decline|say no|add (?:any )?(?:warnings|disclaimers)))",
    r"<\|im_start\|>|<\|im_end\|>|<<sys>>|\[inst\]|###\s*system|"
    r"\byou (?:now )?have no (?:more )?(?:restrictions|rules|filters|limits|guidelines)\b"
    r"|\byou are (?:no longer|not) (?:bound|restricted|limited) by\b"
    r"|\b(?:do not|don'?t|never) (?:give (?:me )?|add |include )?(?:any )?(?:warnings?"
    r"|disclaimers?)\b",
    r"\[(?:admin|system|developer|root|sudo)\]|(?:filters?|safety|moderation|restrictions?"
    r"|censorship|guardrails)(?: mode| filters?)?\s*(?:=|:)\s*(?:off"
    r"|false|0|disabled|none)\b|^\s*(?:system message|override)\s*:|"
    r"^\s*(?:system|admin|developer|root)\s*:|(?:^|\s)(?:\[system\]|<\|?system\|?>|/(?:jailbreak|jailbroken|developer|sudo|dev|dan))",
    r"\b(?:ignora (?:todas |las |tus )*(?:instrucciones|reglas|normas)|olvida (?:todas |las "
    r"|tus )*(?:instrucciones|reglas|normas)|modo (?:desarrollador|dios|sin restricciones)"
    r"|nuevas instrucciones:)",
    r"\b(?:ignoriere? (?:alle |die |deine |vorherigen |bisherigen |obigen |vorigen )*(?:anweisungen"
    r"|regeln|richtlinien|vorgaben)|(?:vergiss|ignorier\w*) alles,? was (?:man )?dir"
    r" (?:gesagt|beigebracht|vorgegeben)|vergiss (?:alle |die |deine |vorherigen |bisherigen )*"
    r"(?:anweisungen|regeln|richtlinien|vorgaben)|entwicklermodus|neue anweisungen:)",
)
# "ignore my previous instructions about the font" corrects the user's own earlier message.
OWN_INSTRUCTIONS = re.compile(
    r"\b(?:ignore|disregard|forget) (?:all of |about )?(?:my|the) (?:previous|last|earlier|prior"
    r"|above|first) (?:instructions?|prompts?|messages?|rules|request)(?: i (?:gave|sent|wrote)"
    r"| about| regarding| for| on)"
)
# A device or app's "developer mode" is a setting, not a jailbreak.
DEVICE = re.compile(
    r"\b(?:android|phone|iphone|ios|chrome|chromebook|browser|firefox|windows|mac|macos|xbox"
    r"|playstation|ps\d|switch|tablet|ipad|device|usb|settings|router|tv|roku|app|apk|vs ?code"
    r"|extension|bios|kindle|car|tesla|discord|android studio|wordpress|telefono|movil|handy"
    r"|einstellungen|ajustes)\b"
)
ASSISTANT = re.compile(
    r"\b(?:you|your|yourself|respond|answer|reply|output|chatgpt|gpt|assistant|ai|bot|tu|du"
    r"|dein\w*|responde\w*|antworte\w*)\b"
)
# Talking about an attack rather than performing it.
META = re.compile(
    r"\b(?:what (?:is|are|does|do|was)|what'?s|how (?:does|do) (?:an? |the )?\w*(?: \w+)? work"
    r"|how (?:do|can|should) (?:i|we|you) (?:detect|prevent|defend|protect|stop|block|mitigate"
    r"|filter|recogni[sz]e|spot|test)|explain|meaning of|stands? for|definition|define|history"
    r"|examples? of|is it (?:safe|legal|true)|why do (?:people|users)|tell me about|difference"
    r"|research on|paper on|survey of|classify|detect\w*|defen[cs]\w*|mitigat\w*)\b"
)
ATTACK_TOPIC = re.compile(
    r"\b(?:prompt injection|jailbreak\w*|the phrase|the term|the dan prompt|dan prompts?|attack"
    r"|llm|chatbots?|language models?|ai models?|the prompt|bots?|chat ?gpt|gpt-?\w*|claude"
    r"|gemini|copilot|ai assistants?)\b"
)
ADDRESSED = re.compile(
    r"\b(?:you are (?:now|about|going)|you'?re (?:now|about|going)|you will|you'?ll|from now on"
    r"|immerse yourself|into the role|stay in character|act as|pretend to)\b"
)
QUOTED = re.compile(r"[\"“”«»„][^\"“”«»„]{3,200}[\"“”«»„]|'[^']{12,200}'")

# A writer's craft question ("how can I make it tense?") asks nothing operational.
CRAFT = re.compile(
    r"\bhow (?:can|do|should|could|would) i (?:make|write|describe|portray|show|depict|pace"
    r"|structure|build|develop|end|start|improve) (?:it|this|that|the (?:scene|story|chapter|plot"
    r"|character|ending|villain|hero)|him|her|them|my (?:story|novel|book|character|villain|hero"
    r"|scene|plot))(?: \w+){0,2} (?:more )?(?:tense|realistic|believable|exciting|scary"
    r"|interesting|emotional|sympathetic|convincing|suspenseful|dramatic|better|work)\b"
    r"|\bhow (?:can|do|should|could|would) i (?:foreshadow|pace|structure|outline|plot|name|title"
    r"|hint at|set up|build up to|reveal|open|begin|end)\b(?: \w+){0,4}"
)

# --- obfuscation ------------------------------------------------------------------------------
# Asked to decode and act, or to answer in code: the encoding is the attempt whatever it hides.
DECODE_AND_OBEY = _rx(
    r"\bso (?:the |your )?filters? (?:miss|don'?t catch|won'?t catch|can'?t see)|to (?:avoid|evade"
    r"|get past|dodge|trick|fool) (?:the |your )?(?:filters?|moderation|censors?|detection)",
    r"\b(?:decode|decrypt|translate|convert|reverse|read) (?:this|the following|it|that|the"
    r" message|my message)\w*(?: \w+){0,6}? (?:and|then) (?:answer|follow|do|respond|execute"
    r"|obey|comply|act|reply|carry out|tell me|give me|explain)",
    r"\b(?:answer|respond|reply|write|output)\w* (?:only |back |me )?(?:in|using|with) (?:base ?64"
    r"|hex(?:adecimal)?|rot-?13|binary|leet ?speak|l33t|morse|reversed text|backwards)",
    r"\b(?:do what it says|follow the (?:decoded|hidden) (?:instructions?|message)|the decoded"
    r" (?:text|message|request|question)|without (?:writing|saying|repeating) (?:the|it) "
    r"(?:decoded|in plain))",
)
BASE64_TOKEN = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{12,}={0,2}(?![A-Za-z0-9+/=])")
HEX_RUN = re.compile(r"(?:(?:0x|\\x)?[0-9a-fA-F]{2}[\s:,-]?){6,}")
BINARY_RUN = re.compile(r"(?:[01]{8}\s?){4,}")
MORSE_RUN = re.compile(r"(?:[.\-]{1,6}[ /]+){4,}[.\-]{1,6}")
SPACED_LETTERS = re.compile(r"(?<!\w)(?:\w[ .\-_*/|]{1,3}){2,}\w(?!\w)")
# Emoji that stand in for a word a filter would catch.
EMOJI_WORDS = str.maketrans(
    {"💣": " bomb ", "🔫": " gun ", "💊": " pills ", "🔪": " knife ", "💉": " heroin ",
     "☠": " poison ", "🧨": " explosive ", "💥": " explosive ", "🅾": "o", "🅰": "a",
     "🅱": "b", "🅿": "p", "⭕": "o", "❌": "x"}
)
SEGMENT_BREAK = re.compile(r"[:;.!?\n]+")
LETTER_SEPARATOR = re.compile(r"(?<=\w)[ .\-_*/|](?=\w)")
LETTER_GAP = re.compile(r"[ .\-_*/|]{2,}")
COMMON_WORDS = frozenset(
    (
        *("the", "a", "an", "to", "of", "and", "in", "is", "it", "you", "i", "me", "my", "how"),
        *("what", "make", "do", "for", "with", "on", "can", "tell", "give", "write"),
        *("el", "la", "de", "que", "y", "en", "un", "una", "como", "para", "es", "los", "se"),
        *("wie", "der", "die", "das", "und", "ich", "ist", "ein", "eine", "zu", "mit", "mir"),
    )
)
LEET_TOKEN = re.compile(r"\S*[a-z]\S*")
LEET_MAP = str.maketrans(
    {"4": "a", "@": "a", "3": "e", "1": "i", "!": "i", "0": "o", "5": "s", "$": "s", "7": "t",
     "+": "t", "8": "b", "9": "g", "|": "l", "(": "c"}
)
ATBASH = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "zyxwvutsrqponmlkjihgfedcbaZYXWVUTSRQPONMLKJIHGFEDCBA",
)
LEET_CHARS = set("4@310!5$7+89|(")
MORSE = {
    ".-": "a", "-...": "b", "-.-.": "c", "-..": "d", ".": "e", "..-.": "f", "--.": "g",
    "....": "h", "..": "i", ".---": "j", "-.-": "k", ".-..": "l", "--": "m", "-.": "n",
    "---": "o", ".--.": "p", "--.-": "q", ".-.": "r", "...": "s", "-": "t", "..-": "u",
    "...-": "v", ".--": "w", "-..-": "x", "-.--": "y", "--..": "z",
}
# Cyrillic and Greek letters that pass for Latin ones; NFKC does not fold them.
HOMOGLYPHS = str.maketrans(
    {"а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
     "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "ӏ": "l",
     "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
     "χ": "x", "β": "b", "η": "n"}
)
# "hOw To MaKe": case flipped inside words, the way a keyword filter is dodged.
ALTERNATING_CASE = re.compile(r"\b(?:[a-z][A-Z]|[A-Z][a-z][A-Z])[A-Za-z]*\b")
ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060-\u2064\u180e\ufeff\u00ad\ufe0f]")
PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*>")
WORD = re.compile(r"[a-z]+")

# --- typo tolerance ---------------------------------------------------------------------------
# Long cue words only (eight letters or more): a short word one edit away from a cue is often
# another real word ("forged" is not "forget").
FUZZY_CUES = (
    "hypothetically", "hypothetical", "theoretically", "instructions", "instruction", "previous",
    "disregard", "restrictions", "guidelines", "educational", "screenplay", "roleplay",
    "unrestricted", "unfiltered", "uncensored", "permission", "authorized", "authorised",
    "programming", "academic", "purposes", "research", "character", "fictional", "developer",
    "hipoteticamente", "instrucciones", "restricciones", "hypothetisch", "anweisungen",
    "einschrankungen", "theoretisch", "detective", "explosives", "explosive",
    "methamphetamine", "ransomware", "keylogger", "phishing", "counterfeit",
)
_CANONICAL_WORDS = frozenset(FUZZY_CUES)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _build_fuzzy_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for cue in FUZZY_CUES:
        for variant in (cue, *_deletes(cue)):
            index.setdefault(variant, cue)
    return index


_FUZZY_INDEX = _build_fuzzy_index()
# Real words one edit away from a cue.
_KNOWN_WORDS = frozenset(("researched", "researches", "characters", "developers", "previously"))


# Short cue words, where fuzzy matching would be unsafe, with their common misspellings.
TYPOS = {
    "ingore": "ignore", "ignor": "ignore", "igonre": "ignore", "ignroe": "ignore",
    "pretned": "pretend", "pretent": "pretend", "prentend": "pretend", "pertend": "pretend",
    "preted": "pretend", "imagin": "imagine", "forgt": "forget", "foget": "forget",
    "novle": "novel", "stroy": "story", "sotry": "story", "rulez": "rules",
    "hypotetical": "hypothetical", "hypotetically": "hypothetically", "ur": "your", "u": "you",
}


@lru_cache(maxsize=65536)
def _fix_typo(word: str) -> str:
    """`word`, or the cue word one edit (insert, delete, substitute, swap) away from it."""
    if word in TYPOS:
        return TYPOS[word]
    if len(word) < 7 or word in _CANONICAL_WORDS or word in _KNOWN_WORDS:
        return word
    if word in _FUZZY_INDEX:
        return _FUZZY_INDEX[word]
    for variant in _deletes(word):
        if variant in _FUZZY_INDEX:
            cue = _FUZZY_INDEX[variant]
            if abs(len(cue) - len(word)) <= 1 and cue[0] == word[0]:
                return cue
    return word


def _fold(text: str) -> str:
    """Lowercase, accents and Unicode look-alikes folded, typos in cue words fixed."""
    text = unicodedata.normalize("NFKC", ZERO_WIDTH.sub("", text)).translate(HOMOGLYPHS).lower()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("ß", "ss")
    return WORD.sub(lambda m: _fix_typo(m.group()), text)


def _has_harm(text: str) -> bool:
    return HARM.search(text) is not None


def _readable(decoded: str) -> bool:
    """Decoded bytes that read as words, not as noise that happened to decode."""
    if len(decoded) < 4 or not decoded.isprintable():
        return False
    letters = sum(c.isalpha() or c == " " for c in decoded)
    return letters / len(decoded) > 0.85 and " " in decoded.strip()


def _b64(token: str) -> str | None:
    try:
        raw = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
        return raw.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _hex(run: str) -> str | None:
    digits = re.sub(r"0x|\\x|[\s:,-]", "", run)
    if len(digits) % 2:
        return None
    try:
        return bytes.fromhex(digits).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def _binary(run: str) -> str | None:
    bits = run.split()
    try:
        return bytes(int(b, 2) for b in bits).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def _morse(run: str) -> str:
    words = re.split(r"\s*/\s*|\s{3,}", run.strip())
    return " ".join("".join(MORSE.get(code, "") for code in word.split()) for word in words)


def _join_letters(match: re.Match[str]) -> str:
    """"b o m b" -> "bomb"; a wider gap ("m a k e   m e t h") still separates two words, and
    so does a space between letters joined by another mark ("h-o-w t-o")."""
    run = match.group()
    if " " in run and set(run) & set(".-_*/|"):
        return " " + " ".join(re.sub(r"[.\-_*/|]", "", word) for word in run.split()) + " "
    return " " + LETTER_GAP.sub(" ", LETTER_SEPARATOR.sub("", run)) + " "


def _join_letters_after_article(match: re.Match[str]) -> str:
    """"make a b o m b": the article is one more spaced letter, and not part of the word."""
    letters = _join_letters(match).strip()
    return f" {letters[0]} {letters[1:]} " if letters[0] in "ai" else f" {letters} "


def _common_words(text: str) -> int:
    return sum(word in COMMON_WORDS for word in WORD.findall(text.lower()))


def decoded_payloads(text: str) -> list[str]:
    """Every hidden reading of `text`: base64, hex, binary and Morse runs decoded, rot13 and
    reversal of the whole text, leetspeak and spaced-out letters joined back into words.

    Each reading is folded like the text itself, so the same cues apply to it."""
    readings: list[str] = []
    for token in BASE64_TOKEN.findall(text):
        if (decoded := _b64(token)) is not None and _readable(decoded):
            readings.append(decoded)
    for run in HEX_RUN.findall(text):
        if sum(c.isdigit() for c in run) >= 3 and (decoded := _hex(run)) and _readable(decoded):
            readings.append(decoded)
    for run in BINARY_RUN.findall(text):
        if (decoded := _binary(run)) is not None and _readable(decoded):
            readings.append(decoded)
    readings += [_morse(run) for run in MORSE_RUN.findall(text)]
    # A whole-text transform is a reading only when it reads better than the text: "my DSL
    # line" reversed holds "lsd", and no one wrote it that way.
    for segment in SEGMENT_BREAK.split(text):
        plain_words = _common_words(segment)
        for transformed in (
            codecs.decode(segment, "rot13"),
            segment.translate(ATBASH),
            segment[::-1],
            " ".join(word[::-1] for word in segment.split()),
        ):
            if _common_words(transformed) > plain_words:
                readings.append(transformed)
    if (emoji := text.translate(EMOJI_WORDS)) != text:
        readings.append(emoji)
    lowered = text.lower()
    leet = LEET_TOKEN.sub(
        lambda m: m.group().translate(LEET_MAP)
        if LEET_CHARS.intersection(m.group()) and any(c.isalpha() for c in m.group())
        else m.group(),
        lowered,
    )
    if leet != lowered:
        readings.append(leet)
    for joined in (_join_letters, _join_letters_after_article):
        spaced = SPACED_LETTERS.sub(joined, lowered)
        if spaced != lowered:
            readings += [spaced, spaced.translate(LEET_MAP)]
    return [_fold(reading) for reading in readings]


def _mixed_script_words(text: str) -> int:
    """Words that mix Latin letters with Cyrillic or Greek ones: a look-alike spelling."""
    if text.isascii():
        return 0
    count = 0
    for word in re.findall(r"\w{3,}", text):
        if word.isascii():
            continue
        scripts = {
            unicodedata.name(c, "").split(" ")[0] for c in word if c.isalpha()
        } & {"LATIN", "CYRILLIC", "GREEK"}
        count += len(scripts) > 1 and "LATIN" in scripts
    return count


def _styled_letters(text: str) -> int:
    """Letters NFKC rewrites to plain ones: fullwidth, mathematical bold or script, circled,
    superscript letters."""
    if text.isascii():
        return 0
    return sum(
        1
        for c in text
        if not c.isascii() and c.isalpha() and unicodedata.normalize("NFKC", c).isascii()
    )


def _obfuscated(text: str, folded: str) -> tuple[bool, list[str]]:
    """Whether `text` hides its request, and the hidden readings that carry a harmful topic."""
    hidden = [
        reading
        for reading in decoded_payloads(text)
        if _has_harm(reading) and not _has_harm_in_same_words(reading, folded)
    ]
    mixed_script = _mixed_script_words(text)
    visible_trick = (
        mixed_script >= 1
        or len(ALTERNATING_CASE.findall(text)) >= 3
        or _styled_letters(text) >= 4
        or ZERO_WIDTH.search(text) is not None
    )
    if hidden or (visible_trick and _has_harm(folded)) or mixed_script >= 2:
        return True, hidden
    decode_request = DECODE_AND_OBEY.search(folded) is not None
    if decode_request and _has_harm(folded):
        return True, hidden
    encoded = any(_readable(d) for t in BASE64_TOKEN.findall(text) if (d := _b64(t)) is not None)
    return decode_request and (encoded or HEX_RUN.search(text) is not None), hidden


def _has_harm_in_same_words(reading: str, folded: str) -> bool:
    """A harmful topic a reading shows only because the plain text already showed it."""
    return all(match.group() in folded for match in HARM.finditer(reading))


def _placeholder_word(match: re.Match[str]) -> str:
    """A redacted name still names someone ("<PERSON>'s address"); other placeholders go."""
    return "someone" if match.group() == "<PERSON>" else " "


def _first(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return None if match is None else match.start()


def _outside_quotes_unless_meta(pattern: re.Pattern[str], text: str) -> int | None:
    """The first match of `pattern`, except one a question *about* attacks quotes."""
    meta = _attack_question(text)
    for match in pattern.finditer(text):
        if not meta:
            return match.start()
        if not any(q.start() <= match.start() < q.end() for q in QUOTED.finditer(text)):
            return match.start()
    return None


def _attack_question(text: str) -> bool:
    """"What is a DAN prompt?", "how do I defend against 'ignore previous instructions'": a
    question about attacks, unless it also speaks to the assistant as a jailbreak does."""
    return (
        META.search(text) is not None
        and ATTACK_TOPIC.search(text) is not None
        and ADDRESSED.search(text) is None
    )


def tag_attempt(text: object) -> AttemptTag:
    """The attempt type(s) of one request text; a missing text (None, NaN) is `none`.

    Raises TypeError for anything else that is not a string: a caller passing numbers or lists
    has the wrong column, and a silent `none` would hide it."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return NO_ATTEMPT
    if not isinstance(text, str):
        raise TypeError(
            f"attempt tagging reads request text (str or None), got {type(text).__name__}"
        )
    raw = PLACEHOLDER.sub(_placeholder_word, text[:MAX_CHARS])
    if not raw.strip():
        return NO_ATTEMPT
    folded = _fold(ZERO_WIDTH.sub("", raw))
    is_obfuscated, hidden = _obfuscated(raw, folded)
    # an encoded request is read for its framings too ("for educational purposes, h0w t0 ...")
    folded = " \n ".join([folded, *hidden])
    harm = _has_harm(folded)
    operational = OPERATIONAL.search(folded) is not None
    instruct = operational or ASK.search(folded) is not None
    attack_question = _attack_question(folded)
    found: dict[str, int] = {}

    if (
        harm
        and OPERATIONAL.search(CRAFT.sub(" ", folded))
        and (at := _first(FICTION, folded)) is not None
    ):
        found[FICTIONAL_FRAMING] = at
    unlocked = None if attack_question and not harm else _first(UNLOCKED_PERSONA, folded)
    if (at := unlocked) is not None or (
        (at := _outside_quotes_unless_meta(PERSONA, folded)) is not None
        and (harm or UNRESTRICTED.search(folded))
    ):
        found[ROLEPLAY_PERSONA] = at
    if (at := _first(AUTHORITY, folded)) is not None and (
        (harm and instruct) or PRIVILEGED.search(folded)
    ):
        found[FALSE_AUTHORITY] = at
    if harm and instruct and (at := _first(HYPOTHETICAL, folded)) is not None:
        found[HYPOTHETICAL_ACADEMIC] = at
    override = _outside_quotes_unless_meta(OVERRIDE, folded)
    if override is not None and OWN_INSTRUCTIONS.search(folded) and not harm:
        override = None
    if override is not None and re.search(r"mod[eou]", folded[override : override + 40]):
        # a device or app's "developer mode" is a setting; the jailbreak speaks to the assistant
        window = folded[max(0, override - 60) : override + 80]
        setting = DEVICE.search(window) or not ASSISTANT.search(folded)
        if setting and not harm and not UNRESTRICTED.search(folded):
            override = None
    if override is not None and not (attack_question and not harm):
        found[INSTRUCTION_OVERRIDE] = override
    if is_obfuscated:
        found[OBFUSCATION] = -1
    if not found:
        return NO_ATTEMPT
    types = tuple(sorted(found, key=lambda kind: (found[kind], ATTEMPT_TYPES.index(kind))))
    return AttemptTag(types[0], types)


def tag_attempts(texts: Iterable[object]) -> list[AttemptTag]:
    """`tag_attempt` over many texts, in order."""
    return [tag_attempt(text) for text in texts]


SHARE_COLUMNS = ["cluster_id", "attempt", "events", "share"]


def attempt_shares(events: pd.DataFrame) -> pd.DataFrame:
    """Per intent, its refused events by attempt type and each type's share of them.

    `events` holds one row per refused event with `cluster_id` and `attempt` (the primary type
    of `tag_attempt`); noise events (no `cluster_id`) belong to no intent and are left out.
    `none` is counted like a type, so an intent's shares sum to 1 and its attempt share is
    1 - share(none). Sorted by intent, then most events first."""
    missing = {"cluster_id", "attempt"} - set(events.columns)
    if missing:
        raise ValueError(
            f"attempt_shares needs columns cluster_id and attempt; missing {sorted(missing)}"
        )
    unknown = set(events["attempt"].dropna()) - set(LABELS)
    if unknown or events["attempt"].isna().any():
        shown = sorted(map(str, unknown)) or ["null"]
        raise ValueError(f"attempt must be one of {', '.join(LABELS)}; got {', '.join(shown)}")
    assigned = events.loc[events["cluster_id"].notna(), ["cluster_id", "attempt"]]
    if assigned.empty:
        return pd.DataFrame(
            {
                "cluster_id": pd.Series(dtype="object"),
                "attempt": pd.Series(dtype="object"),
                "events": pd.Series(dtype="int64"),
                "share": pd.Series(dtype="float64"),
            }
        )
    counts = assigned.groupby(["cluster_id", "attempt"]).size().rename("events").reset_index()
    counts["share"] = counts["events"] / counts.groupby("cluster_id")["events"].transform("sum")
    counts["events"] = counts["events"].astype("int64")
    return counts.sort_values(
        ["cluster_id", "events", "attempt"], ascending=[True, False, True], ignore_index=True
    )[SHARE_COLUMNS]


def render_attempts_section(
    shares: pd.DataFrame, intents: pd.DataFrame, k_anonymity: int
) -> list[str]:
    """The report section "What users try to unlock": intents with attempts, most first.

    `shares` is `attempt_shares`' frame; `intents` has one row per intent with `cluster_id`,
    `label` and `k_anonymous` (as in `marts.cluster_metrics`): an intent with fewer than
    `k_anonymity` distinct users shows its numbers with its label withheld, as every route of
    the report does (`pipeline.tickets.visible_label`)."""
    lines = ["## What users try to unlock", ""]
    attempts = shares[shares["attempt"] != NONE]
    if attempts.empty:
        return lines + ["No refused request of the window framed itself to unlock the refusal."]
    totals = shares.groupby("cluster_id")["events"].sum()
    by_intent = attempts.groupby("cluster_id")["events"].sum().sort_values(ascending=False)
    known = intents.set_index("cluster_id")
    lines += [
        "Requests that try to unlock a refusal (a story, a persona, a claimed credential, a "
        "hypothetical, an instruction override, an encoding) say what users believe the "
        "product can do but has disabled.",
        "",
        "| intent | label | refusals | attempts | types (share of the intent's refusals) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for cluster_id in sorted(by_intent.index, key=lambda c: (-by_intent[c], c)):
        if cluster_id in known.index:
            row = known.loc[cluster_id]
            label = visible_label(str(row["label"]), bool(row["k_anonymous"]), k_anonymity)
        else:
            label = visible_label("", False, k_anonymity)
        kinds = attempts[attempts["cluster_id"] == cluster_id]
        types = ", ".join(f"{r.attempt} {r.share:.0%}" for r in kinds.itertuples())
        lines.append(
            f"| {markdown_inline(str(cluster_id))} | {markdown_inline(label)} | "
            f"{totals[cluster_id]} | {by_intent[cluster_id]} "
            f"({by_intent[cluster_id] / totals[cluster_id]:.0%}) | {types} |"
        )
    return lines
