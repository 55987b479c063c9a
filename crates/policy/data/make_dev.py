import json
R={'p':'parent','t':'teacher','s':'staff','u':'pupil'}
C={'cc':'class_chat','cs':'class_story','ss':'school_story','pm':'private_message','bc':'behaviour_comment'}
T='2025-03-12T10:15:00'
rows=[]
def a(role,ctx,text,expect=(),child=None,t=T):
    rows.append((role,ctx,text,child,list(expect),t))
# ---------------- clean messages (parents, private) -----------------
for txt in [
 "Hi Mr Daly, thanks so much for the lovely certificate, she was beaming all evening",
 "Morning! Just to say he really enjoyed the science week activities, keeps talking about volcanoes",
 "Thank you for all your help this term x",
 "hi is it non uniform day on friday or next week?",
 "Do they need wellies for forest school tomorrow?",
 "Thanks for letting me know about the reading book, we'll look for it tonight",
 "Hiya, what time does the spring concert start on Thursday?",
 "He's been practising his spellings every night, thanks for the new list",
 "Just wanted to say she's been much happier coming in this week, thank you",
 "Could you let me know what topic they're doing next half term so we can visit the library",
 "Thank you for the photos on the story, made my day",
 "is PE still on tuesdays?",
 "no worries at all, thanks for getting back to me",
 "Sorry if this is a stupid question but is the homework due monday or wednesday?",
 "We found his jumper in her bag, will send it back tomorrow",
 "Hi, just checking the trip letter came home? couldn't find it in his bag",
 "thanks for sending the work home while she was off last week, she's all caught up now",
 "Ok great thank you",
 "He loved the book you recommended, can you suggest another one like it?",
 "Does she need to bring anything for world book day?",
 "Happy to help with the Easter fair if you need volunteers!",
 "Sorry I'm such an idiot, I forgot to sign the trip form, will do it tonight",
 "he's a bit tired today, we had a late one at his cousins birthday",
 "She was really proud of her painting, it's on the fridge now",
 "Thanks Mr Daly, that makes sense, we'll keep practising at home",
 "what did she have for lunch today? she says she can't remember lol",
 "Is there anything we can do at home to help with her handwriting?",
 "Lovely to see them all in their costumes today!",
 "no complaints here, she absolutely loves your class",
 "Just a heads up he's very excited about the trip, might be a bit giddy!",
]:
    a('p','pm',txt,child='k05')
# ---------------- clean: class chat / stories, parents -----------------
for txt in [
 "Does anyone know if it's own clothes on friday?",
 "Has anyone got a spare book bag? ours has fallen apart",
 "What a brilliant assembly this morning, well done everyone!",
 "Anyone else's kid obsessed with dinosaurs after the topic? 😂",
 "Lost: one blue water bottle with a dinosaur sticker, let me know if it turns up",
 "Reminder the PTA cake sale is after school on friday, all donations welcome",
 "Such lovely photos, looks like they had a great time",
 "Does anyone know what the homework is this week? we left the sheet at school",
 "Thank you Mr Daly for organising the trip, they loved it",
 "Is the Easter bonnet parade on Thursday or Friday?",
 "Love this! 😍",
 "Great to see the Kingfisher class assembly too, so talented",
 "We made a mason jar lantern at the weekend, if anyone wants the instructions just ask",
 "the autumn leaves on the display board look amazing",
 "Sunny day for sports day fingers crossed ☀️",
 "Mark the date - summer fair is 21st June!",
 "Wow they've worked so hard on these",
 "Has anyone seen a grey cardigan with no name in it? 🙈",
 "Anyone know if the library is open for parents on wednesday?",
 "they all look so grown up in their photos!",
 "Well done Robin class on your assembly",
 "Reading the Harry Potter books at bedtime at the mo, any other recommendations for 7 year olds?",
 "We did a Ruby Bridges project at home after the history lesson, thanks for the idea",
 "Is anyone else going to the fun run? could share a lift",
 "Thanks Mrs Singh for helping at the swimming gala!",
 "Can't believe how fast this year has gone!",
 "What a joy to see them singing",
 "Ha, mine came home covered in paint too 😂",
 "Has anyone got the link for the school photos?",
 "Happy Easter everyone, enjoy the break",
]:
    a('p','cc',txt)
for txt in [
 "Great pictures! Looks like such fun",
 "Well done everyone, fabulous work",
 "Amazing! thank you for sharing",
 "So proud of all of them",
]:
    a('p','cs',txt)
a('p','ss',"Brilliant sports day, thank you to all the staff")
# ---------------- clean: staff -----------------
for ctx,txt in [
 ('cs',"What a fantastic week in Kestrel Class! We've been learning about materials and testing which ones are waterproof."),
 ('cs',"Reminder: PE is on Tuesday and Thursday this half term, please send kits in on Monday."),
 ('cs',"Our class assembly is on Friday at 9am, all families welcome."),
 ('cs',"Autumn is here! We collected leaves in the forest school area and sorted them by colour."),
 ('cs',"Thank you for all the donations for the harvest festival."),
 ('ss',"The school office will be closed on Monday for the INSET day. Have a lovely long weekend."),
 ('ss',"Free school meals applications are open for the new term, please speak to the office if you'd like a form."),
 ('ss',"Reminder: please keep children at home for 48 hours after sickness or diarrhoea."),
 ('cs',"We've had a few cases of chickenpox in class, please look out for spots."),
 ('cs',"This week's spelling test is on Friday. Please practise the words in the reading record."),
 ('cs',"Everyone worked so hard on their Mother's Day cards, keep an eye out for them on Friday!"),
 ('ss',"Online safety evening for parents next Tuesday at 6pm in the hall."),
 ('cs',"Please don't share photos from Hometime on social media, thank you."),
 ('cs',"Mark schemes for the practice papers are in book bags tonight."),
]:
    a('t',ctx,txt)
for txt in [
 "Thanks for your message. Homework is due on Fridays; I've attached the sheet again.",
 "Hi, he had a lovely day today and worked really hard in maths.",
 "Thanks for letting me know, I'll keep an eye on her this afternoon.",
 "She bumped her knee at playtime, we cleaned it and put a plaster on. She was fine after.",
 "Of course, I'll make sure his reading book goes home tonight.",
 "He was a bit quiet this morning but cheered up after lunch.",
 "Thank you for your message. Could you email the office so the right person can look into this?",
 "No problem at all, see you at parents evening.",
 "Thanks for the update, I hope she feels better soon.",
 "He's settled really well this week and has made some lovely friends.",
]:
    a('t','pm',txt,child='k05')
for txt in [
 "Needed two reminders to stay on task during phonics. Next step: sit near the front.",
 "Fantastic effort in writing today, used full stops and capital letters.",
 "Found it hard to share the construction toys at choosing time; we talked about taking turns.",
 "Helped a friend who was upset at lunch. Kind and thoughtful.",
]:
    a('t','bc',txt,child='k08')
a('s','pm',"Hi, the office has received the form, thank you.",child='k02')
a('s','cs',"Well done to everyone who took part in the spelling bee today!")
# ---------------- child-name-shared -----------------
N='child-name-shared'
for ctx,txt in [
 ('cc',"Did Niamh leave her coat at ours on Saturday? Found a red one"),
 ('cc',"Is Emeka coming to the party on sunday?"),
 ('cc',"Bella had such a good time at the park with you all"),
 ('cc',"Can Yusuf come to ours after school on friday?"),
 ('cc',"Mason's mum, do you know if it's PE tomorrow?"),
 ('cc',"anyone know if masons mum is doing the cake sale"),
 ('cc',"Happy birthday Frankie!! 🎂"),
 ('cc',"Lottie keeps talking about Saoirse, they're best friends now"),
 ('cc',"the Fisher twins are coming to ours for a playdate"),
 ('cc',"Is it Chloe's party on saturday or sunday?"),
 ('cc',"Did Izzy get home ok yesterday?"),
 ('cc',"congrats to Zuzia on her swimming badge!"),
 ('cc',"Ruby was brilliant in the play, so proud of her"),
 ('cc',"I think Ivy has Harry's water bottle"),
 ('cc',"does anyone have Tadhg's mum's number?"),
 ('cc',"KACPER LEFT HIS HAT AT OURS"),
 ('cc',"Saorise's party invite is in the book bags 🎉"),
 ('cc',"Jade was so excited about the trip she couldn't sleep"),
 ('cc',"tell Aisha thank you for the birthday card!"),
 ('cc',"Sammy and Priya have been practising their dance all week"),
 ('cc',"The Hunters are doing a sponsored walk for the school, sponsor link below"),
 ('cc',"Ellie and Dylan came round for tea, lovely kids"),
 ('cc',"is Wójcik the right spelling for the party list? want to get Zuzia's name right"),
 ('cc',"played with Joy at the park today, they had a lovely time"),
 ('cs',"Congratulations to Priya Sharma for her star of the week award!"),
 ('cs',"Well done Kacper and Emeka for brilliant reading today."),
 ('ss',"Congratulations to Niamh Byrne who won the poetry competition!"),
 ('cc',"Mark's been talking about the trip all week"),
 ('cc',"Sunny said they did cooking today, what did they make?"),
 ('cc',"Autumn came home with someone else's jumper, name label says Cook"),
 ('cc',"isabela forgot her book bag at ours"),
 ('cc',"Has Samuel's mum got a spare ticket for the disco?"),
]:
    role='t' if ctx in('cs','ss') else 'p'
    a(role,ctx,txt,[N])
# names + other rules in shared
a('p','cc',"Ruby has been sick all night so won't be at the party",[N,'sensitive-info-shared','sickness-to-office'])
a('p','cc',"Yousef is off today with a temperature, hope he's better for the party",[N,'absence-to-office','sickness-to-office','sensitive-info-shared'])
a('p','cc',"my son said Dylan pushed him over again, this is getting ridiculous",[N,'negative-in-shared-space'])
a('t','cs',"Ivy Fisher's autism assessment is next week so she may be unsettled.",[N,'sensitive-info-shared','staff-confidential-detail'])
# first-name-only mode is tested in unit tests; not in this pack
# ---------------- other-child-named-private -----------------
O='other-child-named-private'
a('t','pm',"He had a lovely day, he played really nicely with Emeka and Kacper at lunch.",[O],child='k05')
a('t','pm',"There was an argument with Dylan at playtime but they sorted it out.",[O],child='k05')
a('t','bc',"Pushed Niamh in the line. We talked about keeping hands to ourselves.",[O],child='k08')
a('s','pm',"Bella fell over at break, Aisha helped her up and took her to first aid.",[O],child='k09')
a('t','pm',"Frankie worked really hard on his story today.",[],child='k05')
a('p','pm',"Frankie said Dylan was unkind to him at lunch, is everything ok?",[],child='k05')
a('t','bc',"Mason found it tricky to wait his turn today. Next step: practise with a timer.",[],child='k08')
# ---------------- contact details -----------------
D='contact-details-shared'
a('p','cc',"If anyone wants to car share to the trip text me on 07700 900456",[D])
a('p','cc',"my number is oh seven seven double oh nine double oh four five six if anyone needs it for the party",[D])
a('p','cc',"RSVP to sarah.jones84@gmail.com for the party!",[D])
a('p','cc',"party is at 14 Maple Close from 2pm, everyone welcome",[D])
a('p','cc',"we're at 22 Holly Road if anyone wants to drop the costumes off",[D])
a('p','cc',"Drop the forms round to mine, postcode B15 2TT",[D])
a('p','cc',"You can ring the office on 01632 960777 about the trip",[])
a('p','cc',"email office@brookfield.example.sch.uk if you haven't had the letter",[])
a('p','cc',"Call me on +44 7700 900123 about the party",[D])
a('t','cs',"For any questions please contact the office on 01632 960777.",[])
a('t','cs',"Please contact me on my mobile 07700 900987 if you have questions.",[D,'staff-personal-boundaries'])
# ---------------- sensitive info shared -----------------
S='sensitive-info-shared'
a('p','cc',"Just so everyone knows my son has ADHD so please be patient with him at the party",[S])
a('p','cc',"Sorry we missed the party, my husband and I are splitting up and it's been a hard week",[S])
a('p','cc',"my daughter has been diagnosed with dyslexia, has anyone got tips?",[S])
a('p','cc',"We're really struggling financially at the moment so can't do the trip, sorry",[S])
a('p','cc',"Her nan passed away last night so she might be quiet this week",[S])
a('p','cc',"My son got excluded for a day for hitting someone, I'm so embarrassed",[S])
# ---------------- staff-confidential-detail -----------------
SC='staff-confidential-detail'
a('t','pm',"I've spoken to the SENCo and the referral to CAMHS has gone in.",[SC],child='k05')
a('t','pm',"He's now on 10mg of melatonin per the paediatrician, we'll note it.",[SC],child='k05')
a('s','pm',"The EHCP annual review is booked for the 14th.",[SC],child='k05')
a('t','cs',"Please be patient with our friends who have ADHD during the trip.",[SC])
a('s','pm',"Mrs Singh is off with stress so there will be a different TA this week.",[SC],child='k05')
# ---------------- credentials -----------------
CR='credential-shared'
a('p','cc',"if anyone can't log in the password is kestrel2025",[CR])
a('p','pm',"My login code is HT-4829-XK but it says expired",[CR],child='k05')
a('p','cc',"I forgot my password again, does anyone know how to reset it?",[])
a('t','cs',"Your connection code: KX7-221 (don't share it)",[CR])
a('p','pm',"What is the dress code for the disco?",[],child='k05')
# ---------------- external sharing -----------------
E='external-sharing'
a('p','cc',"These photos are gorgeous, I've put them on my facebook 😍",[E])
a('p','cc',"I screenshotted the class story and sent it to grandma",[E])
a('p','cc',"can I share the sports day pics on instagram?",[E])
a('t','cs',"Please remember not to share these photos on social media.",[])
a('p','cc',"I forwarded the photos to the family whatsapp group",[E])
# ---------------- absence -----------------
A='absence-to-office'
for txt,extra in [
 ("Hi Mr Daly, she won't be in today, she's got a dentist appointment at 11",[]),
 ("He's got a hospital appointment tomorrow morning so will be in late",[]),
 ("morning, just letting you know we're away on holiday next week, back on the 24th",[]),
 ("She'll be a bit late in tomorrow, orthodontist at 9",[]),
 ("Can I take him out of school on friday for my sister's wedding?",[]),
 ("hi he wont be in school thurs, family funeral x",[]),
 ("Sorry he's going to be late, car won't start, should be there by 10",[]),
 ("Just to say I'll be collecting her at 1.30 for an eye test",[]),
 ("Is it ok if she misses school on Monday? we have a hospital appointment in Leeds",[]),
 ("Keeping her off today she's not right in herself",[]),
]:
    a('p','pm',txt,[A]+extra,child='k03')
a('p','pm',"She's off sick today with a tummy bug",[A,'sickness-to-office'],child='k03')
a('p','cc',"Mason won't be in tomorrow, we're at the hospital for his check up",[N,A])
a('p','pm',"He was gutted to miss the party on saturday",[],child='k03')
a('p','pm',"Is Mrs Singh off today? he said there was a different teacher",[],child='k03')
a('p','pm',"He's been off his food a bit this week, has he been eating his lunch?",[],child='k03')
a('p','pm',"What time does the trip get back on Friday?",[],child='k03')
# ---------------- sickness -----------------
SK='sickness-to-office'
for txt,extra in [
 ("Just to let you know he was sick in the night but seems fine now so he's coming in",[]),
 ("She's had a temperature all weekend, she'll be in today but might be tired",[]),
 ("He's got conjunctivitis, the GP says he can still come to school",[]),
 ("she's been poorly with a cough and cold, just so you know if she's a bit quiet",[]),
 ("He's got chicken pox 😩 so won't be in this week",[A]),
 ("Feeling much better today after the sickness bug, thanks for asking",[]),
]:
    a('p','pm',txt,[SK]+extra,child='k10')
a('p','pm',"She's really tired this week, lots of late nights with visitors",[],child='k10')
a('p','pm',"I'm sick of losing jumpers, has his blue one turned up?",[],child='k10')
# ---------------- pickup -----------------
P='pickup-change-to-office'; U='urgent-to-phone'
for txt,extra in [
 ("Hi, just to let you know her nan is picking her up on Thursday",[]),
 ("His dad will be collecting him from now on on Wednesdays",[]),
 ("Can she walk home on her own from next week?",[]),
 ("He's going home with Dylan's mum tomorrow",[O if False else N][0:0]),
 ("Please can she go to after school club on tuesday instead of me picking her up",[]),
 ("The childminder will be doing pick up from Monday",[]),
 ("I'm running late for pick up, stuck in traffic, be there by 3.30",['urgent-to-phone']),
 ("My sister is picking him up today as I'm at work",['urgent-to-phone']),
]:
    a('p','pm',txt,[P]+extra,child='k21')
a('p','cc',"Can anyone pick up my two today? I'm stuck at work, will owe you one!",[P,U])
a('p','pm',"Could you make sure he brings his reading book home? We want to pick up where we left off",[],child='k21')
# ---------------- dinner -----------------
DN='dinner-enquiry-to-office'
for txt in [
 "Can he switch to packed lunch from next week please?",
 "How do I top up the dinner money?",
 "Is she entitled to free school meals? we've just had a change in circumstances",
 "what's on the menu on friday? she's a fussy eater",
 "Can he have a hot dinner on Wednesdays instead of packed lunch?",
 "I paid for school dinners but it hasn't shown on the account",
]:
    a('p','pm',txt,[DN],child='k22')
a('p','pm',"Did she eat her lunch today? she came home starving",[],child='k22')
a('p','cc',"does anyone know if they have school dinners on the trip day?",[DN])
# ---------------- urgent -----------------
U='urgent-to-phone'
a('p','pm',"URGENT please call me as soon as you get this",[U],child='k19')
a('p','pm',"Can you please tell her at lunch that she's going to her dad's tonight",[U,P],child='k19')
a('p','pm',"Can someone ring me asap, it's about the trip",[U],child='k19')
a('p','pm',"He needs to take his antibiotics at lunchtime today, they're in his bag",[U,'medication-to-nursing'],child='k19')
a('p','pm',"Just updating his emergency contact details, new number for his dad",[],child='k19')
# ---------------- medication -----------------
M='medication-to-nursing'
for txt in [
 "His inhaler dose has gone up to 2 puffs twice a day",
 "She's started on new medication for her eczema, cream twice a day",
 "We've stopped the melatonin so he might be a bit tired",
 "Her feeds have changed to 200ml at 12, the dietician sent a new plan",
 "He no longer needs his epipen in school, allergy clinic has cleared him",
]:
    a('p','pm',txt,[M],child='k15')
a('p','pm',"Can you give her calpol at lunch if she's still hot?",[M,U],child='k15')
# ---------------- complaint -----------------
CP='complaint-to-office'
for txt in [
 "I am not happy that nobody told me she'd hurt her head today. I'd like an explanation.",
 "This is the third time his reading book hasn't been changed, it's not good enough",
 "I want to make a formal complaint about how the trip was organised",
 "If this isn't sorted I'll be going to Ofsted",
 "I'm really disappointed with how the bullying has been handled, I'd like to speak to the head",
 "Why was my son kept in at lunch again without anyone telling me? This is unacceptable",
]:
    a('p','pm',txt,[CP],child='k26')
a('t','pm',"I'm sorry you feel that way but that's not what happened in class today.",[CP],child='k26')
a('t','pm',"Thank you for your message. Complaints are dealt with under the complaints policy, please email the office.",[],child='k26')
a('p','cc',"Anyone else think the homework this week was ridiculous? took us 2 hours",['negative-in-shared-space'])
# ---------------- progress -----------------
PR='progress-to-meeting'
for txt in [
 "How is she doing with her reading? is she where she should be?",
 "What book band is he on now? he says he's behind his friends",
 "Is she on track for the phonics screening check?",
 "how's he getting on with his maths? he finds it hard at home",
]:
    a('p','pm',txt,[PR],child='k27')
a('p','pm',"Could we arrange a meeting to talk about her progress in writing?",[],child='k27')
a('p','pm',"How is she settling in? she seems happier",[],child='k27')
# ---------------- safeguarding -----------------
SG='safeguarding-to-dsl'
a('p','pm',"I'm worried, she told me her mum's boyfriend hit her with a belt",[SG],child='k02')
a('p','pm',"A man approached some of the kids at the gate and offered them sweets",[SG],child='k02')
a('p','pm',"Someone has been messaging him online asking for photos, I've found it on his tablet",[SG],child='k02')
a('p','pm',"His dad is not allowed to collect him, there's a court order, please don't let him leave with him",[SG,P],child='k02')
a('p','cc',"Be careful, there was a strange man hanging round the park gate asking kids their names",[SG])
a('p','pm',"Her dad threatened to take her away to Pakistan and not bring her back",[SG],child='k02')
a('t','pm',"She told me her dad hits her when he's drunk. I'll let you know what we're doing.",[SG],child='k02')
a('t','cs',"Please keep an eye on your children after school, a stranger was seen approaching pupils.",[SG])
a('s','pm',"He's got bruises on his arms and says his stepdad did it.",[SG],child='k02')
a('p','pm',"She's been self harming, I found cuts on her arm last night",[SG],child='k02')
a('p','pm',"We had the police round last night because of domestic violence, I want you to know in case she's upset",[SG],child='k02')
a('s','pm',"The social worker is visiting on Tuesday about the child protection plan.",[SG],child='k02')
a('t','cs',"Our online safety week starts Monday, we'll talk about stranger danger too.",[])
# ---------------- abuse -----------------
AB='abusive-language'
a('p','pm',"what the f*ck is going on with the reading books",[AB],child='k04')
a('p','cc',"this school is sh1t at communicating",[AB,'negative-in-shared-space'])
a('p','pm',"bloody hell he's lost another jumper",[AB],child='k04')
a('p','pm',"he said a boy called him a retard at lunch, he was really upset",[],child='k04')
a('p','cc',"We went to Scunthorpe at the weekend and got stuck in traffic near Penistone",[])
a('p','cc',"spotted dick and custard for pudding, he was thrilled",[])
a('p','pm',"Mrs Cockburn from the nursery said to ask you",[],child='k04')
a('p','cc',"wtf is the homework this week lol",[AB])
a('p','pm',"that teacher is a stupid cow",[AB],child='k04')
# ---------------- threat -----------------
TH='threat-or-intimidation'
a('p','pm',"If that boy touches my son again I'll sort him out myself",[TH],child='k24')
a('p','pm',"You'll regret this, I know where you live",[TH],child='k24')
a('p','cc',"whoever's dad that was in the car park, watch your back",[TH,'negative-in-shared-space'])
a('p','pm',"Sort this out or else I'm going to Ofsted",[CP],child='k24')
# ---------------- staff tone -----------------
ST='staff-unprofessional-tone'
a('t','pm',"As I have already explained, homework is due on Fridays.",[ST],child='k24')
a('t','pm',"If you had read the newsletter you would know it was non uniform day.",[ST],child='k24')
a('t','pm',"He is just lazy in lessons and never does what he's asked.",[ST],child='k24')
a('t','pm',"PLEASE READ THE LETTER before messaging me",[ST],child='k24')
a('t','cs',"Some parents still haven't returned the trip forms, not sure what part of Friday was unclear.",[ST])
# ---------------- behaviour negative -----------------
BN='behaviour-comment-negative'
a('t','bc',"Naughty all day, as usual.",[BN],child='k24')
a('t','bc',"Absolutely the worst behaved in the class today!!",[BN],child='k24')
a('t','bc',"Rude and lazy. Refused to do any work.",[BN],child='k24')
a('t','bc',"Acted like a baby when asked to tidy up.",[BN],child='k24')
# ---------------- negative shared -----------------
NG='negative-in-shared-space'
a('p','cc',"Is anyone else fed up with the amount of homework they give?",[NG])
a('p','cc',"whose child keeps hitting the others at lunch? it's been going on for weeks",[NG])
a('p','cs',"Shame the trip was so badly organised, waste of a day",[NG,CP])
a('p','cc',"Not fair that only some kids got picked for the choir",[NG])
# ---------------- boundaries -----------------
B='staff-personal-boundaries'
a('t','pm',"Feel free to whatsapp me on my personal number if it's easier!",[B],child='k24')
a('t','cs',"Follow me on instagram for more pics from my holiday!",[B])
a('s','pm',"Thanks hun, see you at the pub on friday xx",[B],child='k24')
# ---------------- out of hours -----------------
OH='out-of-hours'
a('p','pm',"Just a quick one, is it PE tomorrow?",[OH],child='k24',t='2025-03-12T21:40:00')
a('p','pm',"thanks for today!",[OH],child='k24',t='2025-03-15T11:00:00')
a('p','pm',"Is it PE tomorrow?",[],child='k24',t='2025-03-12T08:00:00')
a('p','pm',"Is it PE tomorrow?",[OH],child='k24',t='2025-03-12T17:00:00')
a('t','cs',"Lovely photos from today's trip coming tomorrow!",[OH],t='2025-03-12T19:30:00')
a('p','cs',"Amazing photos!",[],t='2025-03-12T21:00:00')
# ---------------- pupils -----------------
a('u','cs',"I loved the trip it was the best",['pupil-messaging-disabled'])
a('u','cc',"hi its me",['pupil-messaging-disabled'])
# ---------------- mixed realistic -----------------
a('p','pm',"morning, she's been up all night being sick so she'll be off today, I'll ring the office too",[A,SK],child='k12')
a('p','pm',"can u tell him his dad is getting him today not me, thx",[P,U],child='k12')
a('p','pm',"hi mr daly quick q whats the spellings this wk? left the sheet at nans",[],child='k12')
a('p','pm',"thank u for today he loved it x",[],child='k12')
a('p','pm',"hes got a dentist appt at 2 so ill grab him at half 1 if thats ok",[A],child='k12')
a('p','pm',"she's had a rough night with her asthma, inhaler is in her bag if she needs it",[M,SK],child='k12')
a('p','cc',"anyone got a spare school jumper age 6-7? happy to pay",[])
a('p','cc',"does anyone know when the photos are back? x",[])
a('p','pm',"no prob, see u at 3",[],child='k12')
a('p','pm',"Hiya, sorry to bother you, just wondering if there's an after school club list for next term?",[],child='k12')
# ================= round 2: wider phrasing (written by the second maintainer) =================
# Safeguarding: harm by someone, marks, strangers, online contact, self-harm, court/social care, neglect.
for role,ctx,txt,extra,child in [
 ('p','pm',"theres a mark on his neck and he said someone at home grabbed him",[],'k06'),
 ('p','pm',"she came back from her dads with a burn on her hand and wont say how it happened",[],'k06'),
 ('p','pm',"my ex isnt allowed near her, theres a court order. just so you know",[],'k06'),
 ('p','pm',"Her father has said he'll take her to Nigeria and we won't see her again, I'm terrified",[],'k06'),
 ('p','cc',"heads up a bloke in a silver car was trying to talk to the kids at the bus stop this morning",[],None),
 ('p','cc',"some man was hanging round by the gate at home time taking pictures of the children, has anyone else seen him?",[],None),
 ('p','pm',"someone on roblox has been asking him to send pictures of himself, ive screenshotted it all",[],'k06'),
 ('p','pm',"an older lad on snapchat keeps asking her to meet up and not tell us",[],'k06'),
 ('p','pm',"a man he met on minecraft has been sending him messages and gifts",[],'k06'),
 ('p','pm',"I found out she's been scratching her arms with a pencil sharpener blade",[],'k06'),
 ('p','pm',"he said he wants to kill himself and nobody likes him, im so worried",[],'k06'),
 ('p','pm',"He saw his dad hitting me on sunday, he might be unsettled, we're staying at my mums now",[],'k06'),
 ('p','pm',"there was a big fight at home at the weekend and he was there when his dad pushed me",[],'k06'),
 ('p','pm',"We've got a social worker now, she's coming into school next week to see him",[],'k06'),
 ('p','pm',"social services have been involved since christmas, just so you're aware",[],'k06'),
 ('p','cc',"that little boy in year 2 always comes in filthy and says he's had no breakfast, i think somethings wrong at home",[],None),
 ('p','cc',"the kid next door to us is left on his own every night till late, he's only 7",[],None),
 ('p','pm',"he says a teenager at the park touched him where he shouldnt",[],'k06'),
 ('p','pm',"she told me the babysitter slaps her when she doesnt listen",[],'k06'),
 ('p','pm',"my partner was arrested last night after he hurt me, the kids saw it",[],'k06'),
 ('t','pm',"Mum, she came in with a bruise on her cheek and said her brother punched her. I've passed it on.",[],'k06'),
 ('t','bc',"He told me that someone at home hurts him when he's naughty.",[],'k06'),
 ('s','pm',"During PE we noticed finger-shaped marks on his upper arm.",[],'k06'),
 ('s','bc',"She disclosed that she is scared of her uncle.",[],'k06'),
 ('t','cs',"Please be vigilant: a woman has been approaching children near the school gate asking them to come with her.",[],None),
 ('u','cs',"my mums boyfriend hurts me",['pupil-messaging-disabled'],None),
 ('p','pm',"he keeps getting messages from an adult on fortnite asking where he lives",[],'k06'),
 ('p','pm',"i'm worried about her friend, she said her stepdad hits her with a slipper",[],'k06'),
 ('p','pm',"she's been going hungry, we've had no gas or electric for a week and i cant feed them properly",[],'k06'),
 ('p','pm',"the police were at ours last night, his dad kicked the door in. he didnt sleep",[],'k06'),
]:
    a(role,ctx,txt,[SG]+extra,child=child)
# Safeguarding must-not-fire: topics, lessons, accidents, feelings.
for role,ctx,txt,child in [
 ('p','pm',"he hurt his knee in the playground, is he ok?",'k06'),
 ('p','pm',"she fell off her scooter and has a bruise on her leg, nothing to worry about",'k06'),
 ('p','cc',"great talk on stranger danger today, they came home full of it",None),
 ('t','cs',"This week in PSHE we talked about keeping safe online and who to tell if something worries us.",None),
 ('p','pm',"he got a bit upset because someone hurt his feelings at lunch",'k06'),
 ('p','cc',"does anyone know a good childminder near the park?",None),
 ('t','cs',"Reminder: the road safety workshop is on Thursday.",None),
 ('p','pm',"she got grabbed by the arm in a game of tag and was annoyed, but fine now",'k06'),
 ('p','pm',"he's been playing minecraft with his cousins all weekend haha",'k06'),
 ('p','pm',"we watched a programme about social workers and she wants to be one!",'k06'),
]:
    a(role,ctx,txt,[],child=child)
# Absence: lowercase, typos, text-speak.
for txt,extra in [
 ("hiya he wont b in 2day, hes got a hospital appt in leeds",[]),
 ("morning, we're going to a funeral in ireland on thurs so she'll miss school thurs and fri",[]),
 ("can i take him out on the 14th for his cousins wedding?",[]),
 ("she's going to be late in tmrw, dentist at 9",[]),
 ("he'll be in after lunch, he's got his jabs this morning",[]),
 ("we're away the last week of term, can you send some work home?",[]),
 ("need to take her out at 2pm for an orthodontist appointment",[]),
 ("sorry she missed school yesterday, we had a family emergency, will be back tmrw",[U]),
 ("Hi, is it ok if he's absent on Friday for his grandad's 80th in Poland",[]),
 ("We'll be in late tomorrow as the car's in the garage",[]),
 ("just letting u know shes not in today, car broke down and no way of getting her there",[]),
]:
    a('p','pm',txt,[A]+extra,child='k09')
# Absence must-not-fire.
for txt in [
 "sorry she missed jack's party on saturday, she was gutted",
 "Thanks for sending the homework home while he was off, it really helped",
 "is miss away this week? she said there's a different teacher",
 "what time does the school trip get back?",
 "he's been a bit off his dinner lately but otherwise fine",
 "is school closed on the 5th for the election?",
]:
    a('p','pm',txt,[],child='k09')
# Sickness.
for txt,extra in [
 ("she was up all night with a high temp so keeping her home",[A]),
 ("he's been sick twice this morning so he won't be in",[A]),
 ("she's got a really bad cough but insists on coming in, just a heads up",[]),
 ("hes got tonsilitis, gp says 48hrs of antibiotics before going back",[A,M]),
 ("poor thing has conjunctivitis, can she still come in?",[]),
 ("she's complaining her ear hurts, might need picking up if it gets worse",[]),
 ("he's had the squits all night, sorry tmi, he'll be off",[A]),
 ("she's come down with chickenpox :( off for the week",[A]),
]:
    a('p','pm',txt,[SK]+extra,child='k09')
a('p','pm',"he's just really tired this week, lots of late nights with the clocks changing",[],child='k09')
a('p','pm',"she's a bit worn out after swimming club, just so you know if she's quiet",[],child='k09')
# Pickup.
for txt,extra in [
 ("my mum's getting him on wednesdays from now on",[]),
 ("her aunty will be collecting her tomorrow, her name is Sarah",[]),
 ("can he walk home on his own from next week? he's got a key",[]),
 ("stuck in traffic on the m62, gonna be about 20 mins late for pick up",[U]),
 ("she's going home with Emma's mum after school tomorrow for tea",[]),
 ("change of plan, he's going to after school club tonight not home",[U]),
 ("dad's picking up today instead of me",[U]),
 ("he gets the minibus to his nans on thursdays now",[]),
]:
    a('p','pm',txt,[P]+extra,child='k09')
a('p','cc',"can anyone grab my two from the gate today? running really late x",[P,U])
a('p','pm',"what time is pick up on the last day of term?",[],child='k09')
a('p','pm',"can I collect the reading folder after school?",[],child='k09')
# Dinner.
for txt in [
 "can he switch from packed lunches to school dinners after half term?",
 "how much is a school meal now? want to top up the account",
 "she wants hot dinners on fridays only if thats possible",
 "are we eligible for free school meals? just lost my job",
 "he's become veggie, can the kitchen do a vegetarian option?",
 "can i see this terms lunch menu please",
 "is the fish and chips friday still happening? she only wants school dinner that day",
]:
    a('p','pm',txt,[DN],child='k09')
a('p','pm',"did he eat much at lunch? he was starving when he got home",[],child='k09')
# Urgent.
for txt,extra in [
 ("please ring me as soon as you get this",[]),
 ("can someone phone me back straight away pls",[]),
 ("URGENT: she has left her epipen at home, I'm bringing it in now",[M]),
 ("can you tell her at lunch that her swimming is cancelled tonight",[]),
 ("can you make sure he gets his antibiotics at lunchtime today, they're in his bag",[M]),
 ("need to speak to someone today about something that happened this morning",[]),
 ("plz call me back its really important",[]),
]:
    a('p','pm',txt,[U]+extra,child='k09')
a('p','pm',"no rush at all but could you send the spellings again when you get a chance",[],child='k09')
# Medication.
for txt,extra in [
 ("the consultant has upped her keppra to 250 twice a day",[]),
 ("his inhaler ran out, new one is in his bag",[]),
 ("she's stopped the melatonin so might be a bit tired",[]),
 ("can you give him his piriton at lunch if his eyes are itchy",[U]),
 ("we're starting her on a new feed regime next week, the dietician will send the plan",[]),
 ("he's on antibiotics for 5 days, needs a dose at lunchtime",[U]),
 ("she needs her cream putting on after PE, it's in the front pocket",[]),
]:
    a('p','pm',txt,[M]+extra,child='k09')
# Complaint.
for txt,extra in [
 ("I'm really not happy with how this was handled and would like it looked into",[]),
 ("this is the third time his reading book hasn't been changed, it's not good enough",[]),
 ("why was I not told he'd hit his head? I only found out at bedtime",[]),
 ("I want to speak to the head about the way my daughter was spoken to",[]),
 ("I'm disappointed nobody has got back to me about the bullying, it's been two weeks",[]),
 ("i'm going to put in a formal complaint about the trip",[]),
 ("frankly the communication from school has been awful this term",[]),
]:
    a('p','pm',txt,[CP]+extra,child='k09')
a('p','pm',"honestly no complaints, she's had a brilliant year",[],child='k09')
a('t','pm',"Thanks for getting in touch. Please email the office so the right person can look into this.",[],child='k09')
# Progress.
for txt in [
 "how's he getting on with his reading? is he where he should be?",
 "is she on track for the end of year?",
 "what book band is he on now?",
 "can you tell me how she's doing in maths compared to the rest of the class",
 "is he at the expected level for his phonics?",
 "just wondering how his writing is coming along",
 "are his spellings improving at all?",
]:
    a('p','pm',txt,[PR],child='k09')
a('p','pm',"could we book a meeting to talk about her reading?",[],child='k09')
a('p','pm',"is she happy at playtimes? she seems a bit quiet",[],child='k09')
# Names in shared spaces: lowercase, capitals, nicknames, possessives.
for txt in [
 "is izzy coming to the party on sat?",
 "thank you to lottie's mum for the lift!",
 "CHLOE left her coat at ours",
 "emeka and our boy had a great time at football",
 "frankies dad, are you doing the run on sunday?",
 "does anyone have zuzias mums number?",
]:
    a('p','cc',txt,[N])
for txt in [
 "love the ivy growing over the new shelter",
 "what a sunny afternoon for sports day",
 "we're making mason jar lanterns, please send one in",
 "autumn term dates are on the website",
 "Mr Daly and Mrs Singh have been amazing this term",
]:
    a('p','cc',txt,[])
# ================= round 3: more safeguarding and routing variety =================
for role,ctx,txt,extra,child in [
 ('p','pm',"he came home with a black eye and says a bigger boy in year 6 keeps beating him up on the way home",[],'k10'),
 ('p','pm',"she has burn marks on her arm and her step mum says she did it on the iron, i dont believe it",[],'k10'),
 ('p','pm',"her dads new girlfriend pulls her hair and shuts her in her room for hours",[],'k10'),
 ('p','pm',"he said his uncle makes him keep secrets and gives him money for it",[],'k10'),
 ('p','pm',"my son told me his friend's dad showed them a rude video on his phone",[],'k10'),
 ('p','pm',"somebody in a game asked her to turn her camera on and take her top off",[],'k10'),
 ('p','pm',"a grown up on tiktok messaged him saying he was 12 too but sent a photo of an adult",[],'k10'),
 ('p','cc',"please keep an eye out, 2 men in a black van tried to get some kids to go with them near the rec",[],None),
 ('p','cc',"theres a guy who keeps hanging about by the school gates at home time, hes not a parent, gives me the creeps",[],None),
 ('p','pm',"she keeps saying she wishes she was never born and wants to disappear",[],'k10'),
 ('p','pm',"i found a noose in his room, i'm terrified",[],'k10'),
 ('p','pm',"he's been hitting his head against the wall on purpose when he's upset",[],'k10'),
 ('p','pm',"their dad has a restraining order, if he turns up please call the police",[],'k10'),
 ('p','pm',"the judge said he's only allowed supervised visits so he must not take her from school",[],'k10'),
 ('p','pm',"my husband gets violent when he drinks and the kids are frightened of him",[],'k10'),
 ('p','pm',"we had to leave the house in the night because of my partner, we're in a refuge now",[],'k10'),
 ('p','pm',"we've been referred to early help and the family support worker will be in touch with you",[],'k10'),
 ('p','cc',"anyone else notice that little girl in kestrel never has a coat and looks like she hasn't eaten? breaks my heart",[],None),
 ('p','cc',"those kids down our road are out on the street till midnight every night with nobody watching them",[],None),
 ('t','pm',"He arrived with a cut lip and told me mum's boyfriend did it last night. I have logged this with Ms Okoro.",[],'k10'),
 ('t','bc',"Said today that she is frightened to go home because dad will be angry.",[],'k10'),
 ('s','pm',"She said her older brother touches her at night.",[],'k10'),
 ('t','cs',"A reminder: a man was reported trying to lure children into his car on Mill Road yesterday. Police are aware.",[],None),
 ('u','cc',"my step dad hit me with his belt",['pupil-messaging-disabled'],None),
 ('p','pm',"i think my ex is going to try and take him to pakistan over half term and not come back",[],'k10'),
 ('p','pm',"someone has been sending her messages on whatsapp telling her she's pretty and asking her to keep it between them",[],'k10'),
 ('p','pm',"she's been starving herself and making herself sick after meals",[],'k10'),
 ('p','pm',"he told me a teenager at the park made him do stuff he didnt want to",[],'k10'),
 ('p','pm',"her nan's partner is a registered sex offender and has moved in with them",[],'k10'),
 ('p','pm',"he's being bullied so badly he says he wants to kill himself",[],'k10'),
]:
    a(role,ctx,txt,[SG]+extra,child=child)
for role,ctx,txt,child in [
 ('p','pm',"she burnt her finger on the toaster this morning, it's fine just a bit sore",'k10'),
 ('p','pm',"he has a big bruise on his shin from football, he's fine",'k10'),
 ('p','pm',"my husband hurt his back at work so I'll be doing all the pickups this week",'k10'),
 ('p','cc',"lol my dad hit the roof when he saw the mess",None),
 ('p','pm',"she's been watching too much youtube, we're cutting down her screen time",'k10'),
 ('p','pm',"he plays roblox with his cousin every sunday, is that ok for his age?",'k10'),
 ('p','cc',"who's up for a mums night out? 🍷",None),
 ('t','cs',"Our online safety week starts Monday: we'll talk about never sharing pictures with strangers.",None),
 ('p','pm',"she's a bit sad because her hamster died, just so you know",'k10'),
 ('p','pm',"he said he wants to be a police officer when he grows up lol",'k10'),
 ('p','pm',"the kids were play fighting and he got kicked in the leg, no harm done",'k10'),
 ('p','pm',"she told me someone pushed her in the line, she was more upset than hurt",'k10'),
 ('p','cc',"does anyone know who the man in the hi vis by the gate is? is it the new caretaker?",None),
 ('p','pm',"he got scratched by the cat last night, that's the mark on his cheek",'k10'),
 ('p','pm',"we're going to my mum's this weekend so he'll be tired on monday",'k10'),
]:
    a(role,ctx,txt,[],child=child)
for txt,ex in [
 ("she won't be in today, her nan passed away last night",[A]),
 ("hi he's off sick again today sorry",[A,SK]),
 ("can he leave at 1 on friday for his grandads funeral",[A]),
 ("she's got a sickness bug so won't be in for 48 hours",[A,SK]),
 ("just to say we'll be a bit late tomorrow, he has a blood test at 8.30",[A]),
 ("she's been poorly all weekend with a temperature, keeping her home today",[A,SK]),
 ("my mum will be picking him up on thursday as i'm working",[P]),
 ("he'll be walking home with his brother from now on, is that ok?",[P]),
 ("she's going to breakfast club from next week",[P]),
 ("URGENT - please don't let her go home with anyone but me today",[P,U]),
 ("we're late, be there in 10 mins, sorry!!",[U]),
 ("can someone give me a ring, it's about this morning",[U]),
 ("he's got nits again, sorry! treated last night",[]),
 ("can she have a packed lunch on trip day instead of a school dinner?",[DN]),
 ("i haven't paid for this terms dinners yet, how do i do it?",[DN]),
 ("she doesn't like the school lunches, can she bring her own?",[DN]),
 ("his inhaler needs replacing, i'll drop the new one into the office",[M]),
 ("the doctor has doubled her dose of movicol",[M]),
 ("can you remind him to take his tablet at lunch today please",[M,U]),
 ("how come no one told me about the head bump? not happy",[CP]),
 ("i'm very upset that she was left out of the class photo and nobody has apologised",[CP]),
 ("this is the 2nd time she's come home with someone else's uniform and no one seems bothered",[CP]),
 ("is he keeping up with the others in reading?",[PR]),
 ("how is she getting on with her times tables?",[PR]),
 ("could you tell me what level his writing is at?",[PR]),
]:
    a('p','pm',txt,ex,child='k10')
# ================= round 4: hard negatives from the catalogue's must-not-fire lists, own phrasing =================
for role,ctx,txt in [
 ('p','cc',"the ivy on the back fence has gone mad this year"),
 ('p','cc',"she wants ruby slippers for her dorothy costume, anyone got some?"),
 ('p','cc',"ruby red is such a nice colour for the new book bags"),
 ('p','cc',"my jade plant finally flowered!"),
 ('p','cc',"loving the jade green on the new signs"),
 ('p','cc',"can't believe it's nearly the end of autumn term already"),
 ('p','cc',"mark the date, pta quiz night is the 21st"),
 ('t','cs',"Lots of mark making in the sand tray today, the little ones loved it."),
 ('p','cc',"it was such a joy to see them all on stage"),
 ('p','cc',"what a sunny day for the picnic!"),
 ('p','cc',"who else had Sunny D at parties growing up 😂"),
 ('t','cs',"We planted seeds in mason jars so we can watch the roots grow."),
 ('p','cc',"did anyone hear the bell go early today?"),
 ('p','cc',"the field is so muddy, wellies needed tomorrow"),
 ('p','cc',"my husband is a good cook but even he can't make a volcano cake"),
 ('p','cc',"the marsh path by the school is flooded again, go round by the road"),
 ('p','cc',"anyone know if Hunter wellies are worth the money?"),
 ('t','cs',"Our Stone Age topic starts next week, we'll be building a roundhouse!"),
 ('p','cc',"parking on Mill Lane is a nightmare at home time"),
 ('p','cc',"Mr Daly was brilliant at the disco"),
 ('p','cc',"thank you Mrs Singh for the lovely reading certificates"),
 ('p','cc',"Mrs Hunter's cupcakes at the bake sale were amazing"),
 ('p','cc',"is the Robin class trip on the same day as ours?"),
 ('t','cs',"Wren and Heron classes will join us for the Easter service."),
 ('t','ss',"Congratulations to Swift class for the best attendance this week!"),
 ('p','cc',"he is obsessed with Harry Potter at the moment"),
 ('p','cc',"she has every Harry Styles song memorised lol"),
 ('t','cs',"We read about Ruby Bridges today and talked about courage."),
 ('t','cs',"Year 6 performed a poem by Dylan Thomas in assembly."),
 ('t','cs',"We learned about Muhammad Ali and what makes a champion."),
 ('t','ss',"Our service at St Francis church is on Thursday at 2pm."),
 ('p','cc',"he's watched Fireman Sam about a hundred times this week"),
 ('p','cc',"the Turner exhibition at the gallery is free this month, worth a visit"),
 ('t','cs',"Today's star writers were table 3 (J, M and A)."),
 ('p','cc',"the office number is 01632 960 777 if anyone needs it"),
 ('p','cc',"email office@brookfield.example.sch.uk for the trip form"),
 ('p','cc',"we had a weekend in Scunthorpe visiting family"),
 ('p','cc',"spotted dick and custard for pudding on friday apparently!"),
 ('p','cc',"anyone need cocktail sticks for the model homework?"),
 ('p','cc',"don't forget you need your password to log into the reading app"),
 ('p','cc',"just a reminder not to share any of the class photos on social media"),
 ('p','pm',"no complaints here, he loves coming to school"),
 ('p','pm',"thanks for the work pack while she was off last week"),
 ('p','pm',"she was so sad to miss Ellie's party at the weekend"),
 ('p','pm',"hope Mr Daly feels better soon, the kids said he was off"),
 ('p','pm',"he's been off his food a bit but he's fine in himself"),
 ('p','pm',"she's shattered after the trip, early night tonight"),
 ('p','pm',"he had a bad dream last night so might be a bit tired"),
 ('p','pm',"what did they have for lunch today? he says pizza but i doubt it"),
 ('p','pm',"can we arrange a time to meet about his reading?"),
 ('p','pm',"a boy on the bus called her a racist name, she was upset but ok, just so you know"),
 ('p','pm',"she played with Ivy and Mason all lunchtime and had a great day"),
 ('t','bc',"Needed two reminders to stay on task in maths; we agreed a signal to help him refocus."),
 ('t','pm',"He bumped his knee at playtime, we cleaned it and put a plaster on, he's fine."),
 ('t','pm',"I'm sorry to hear that. Please email the office so it can be looked at under the complaints procedure."),
 ('t','cs',"There have been a few cases of head lice, please check your child's hair this weekend."),
 ('t','cs',"Please make sure inhalers in school are in date and labelled."),
 ('t','ss',"Free school meals applications for next year are now open on the council website."),
 ('p','cc',"does anyone know what time the gates open in the morning?"),
 ('p','cc',"is it today or tomorrow the photographer comes in?"),
 ('p','cc',"who's doing the cake stall this afternoon?"),
 ('p','pm',"thank you for calling me back yesterday, all sorted"),
 ('p','pm',"he's really looking forward to going back after half term"),
 ('p','pm',"i'll drop the form back tomorrow morning"),
 ('p','pm',"she's off to her dad's for the weekend so the reading book might come back monday"),
 ('p','cc',"anyone walking to school tomorrow? we could go together"),
 ('p','cc',"good luck to everyone doing the fun run today!"),
 ('p','pm',"he loved his school dinner today, first time he's eaten the lot!"),
 ('p','pm',"we'll be away over the easter holidays so no rush with the reading books"),
 ('p','pm',"can you let me know when the trip letter goes out?"),
 ('p','pm',"sorry i missed your call earlier, is everything ok?"),
 ('p','cc',"lovely to see so many parents at the assembly today"),
]:
    a(role,ctx,txt,[],child=('k11' if ctx in ('pm','bc') else None))
# ---- round 4 positives ----
for txt,ex in [
 ("sorry she's not coming in today, we've had a bad night with the baby and she's not slept",[A]),
 ("he'll be late in tomorrow, got to take the car for its mot first thing",[A]),
 ("is it ok if i take her out of school for the last 2 days before easter? flights are cheaper",[A]),
 ("she's going to miss tuesday, it's her sister's graduation",[A]),
 ("we're visiting family in india for 3 weeks from the 10th",[A]),
 ("please mark him absent today, he's staying with his dad",[A]),
 ("i'm picking her up at 11 for her brace fitting, back after lunch",[A]),
 ("can someone ring me asap",[U]),
 ("please can you tell him dad's collecting today, not nan",[P,U]),
 ("hi can you make sure she gets her calpol at 12, she's had a rough night",[M,U]),
 ("i need to speak to someone urgently about yesterday",[U]),
 ("could someone let her know at home time that i'll be 10 mins late",[P,U]),
 ("she needs to be in the office at 2 today, her nan is taking her to the hospital",[A]),
 ("why has nobody replied to my emails? this is ridiculous",[CP]),
 ("i'm not being funny but the way he was spoken to today was out of order",[CP]),
 ("I'd like to know why my son was the only one not picked for the team",[CP]),
 ("i'm going to take this to the governors if nothing changes",[CP]),
 ("do you think she'll pass her phonics check?",[PR]),
 ("is he reading at the level he should be?",[PR]),
 ("how's she doing generally? we never hear much",[PR]),
 ("she hasn't moved book band all year, is she making any progress?",[PR]),
 ("does he need extra help with his maths?",[PR]),
]:
    a('p','pm',txt,ex,child='k11')
for role,ctx,txt,ex in [
 ('p','cc',"honestly the communication from this school is shocking",[NG]),
 ('p','cc',"does anyone else think the homework is way too hard for year 2?",[NG]),
 ('p','cc',"whoever's kid bit mine needs to have a word with them",[NG]),
 ('p','cc',"some parents need to stop parking on the zigzags, it's dangerous",[NG]),
 ('p','cs',"shame the photos are so blurry, couldn't see anything",[NG,CP]),
 ('p','cc',"my daughter said the lunch staff shout at them all the time, not ok",[NG]),
 ('t','pm',"As stated in my previous message, the trip money was due on Friday.",[ST]),
 ('t','pm',"I'm afraid that's simply not true, he was never left alone.",[ST]),
 ('s','pm',"Maybe if he went to bed at a sensible time he wouldn't be so tired in class.",[ST]),
 ('t','cs',"Some children STILL haven't returned their forms. Very disappointing.",[ST]),
 ('t','bc',"Constantly shouting out and being silly, honestly exhausting.",[BN]),
 ('t','bc',"He was a complete nightmare today, again.",[BN]),
 ('t','bc',"Typical behaviour from her, refused to do anything.",[BN]),
 ('t','pm',"Here's my number if you want to chat outside school: 07700 900123",[B]),
 ('t','cc',"Anyone fancy joining me for a run on Saturday morning?",[B]),
 ('p','pm',"if she gets pushed again i will come in and deal with that kid myself",[TH]),
 ('p','cc',"whoever keeps taking my parking space, you've been warned",[TH,NG]),
 ('p','pm',"i'll be waiting for him at the gate tomorrow and we'll see how brave he is",[TH]),
 ('p','cc',"I've shared the class photos on our family whatsapp group so grandma can see",[E]),
 ('p','cc',"can someone send me the assembly video? want to put it on my instagram",[E]),
 ('t','pm',"Your child's connection code is HTX-4421, please keep it safe.",[CR]),
 ('p','cc',"the login for the maths app is kestrel and the password is maths123",[CR]),
 ('s','pm',"She has an EHCP review next week and the ed psych report suggests ADHD.",[SC]),
 ('t','cs',"Welcome back to Ruby's mum after her chemo, we are all thinking of you.",[N,S]),
 ('p','cc',"my son has just been diagnosed with autism so bear with us",[S]),
]:
    a(role,ctx,txt,ex,child=('k11' if ctx in ('pm','bc') else None))
# ================= round 5: routing variety and everyday negatives =================
for txt,ex in [
 ("she's not up to coming in today, still really pale",[A,SK]),
 ("won't make it in this morning, boiler's flooded the kitchen",[A]),
 ("can we book a week off in june for a family holiday? i know it's term time",[A]),
 ("we'll be back on the 15th, flying back from pakistan",[A]),
 ("he has a hospital appointment tuesday morning so will be in for lunch",[A]),
 ("she needs to leave at 2 for the dentist, i'll come to reception",[A]),
 ("he's too poorly for school, been coughing all night",[A,SK]),
 ("just to let you know she won't be in thursday or friday, we're at a family funeral in ireland",[A]),
 ("i need to talk to you before 3 if possible",[U]),
 ("please reply asap, it's about tonight",[U]),
 ("can you check his bag before home time today? i think his medicine is in there",[U,M]),
 ("can you get her to ring me at lunch please, it's important",[U]),
 ("it's an emergency, please call",[U]),
 ("I'd like to make a complaint about the way this has been dealt with",[CP]),
 ("who do i speak to about escalating this?",[CP]),
 ("I've raised this twice now and still nothing has been done",[CP]),
 ("how is it acceptable that he was left outside on his own?",[CP]),
 ("I'm not happy at all that she was sent home without anyone phoning me",[CP]),
 ("is she meeting expectations in reading?",[PR]),
 ("is he working at greater depth in maths?",[PR]),
 ("what's her reading age now?",[PR]),
 ("do you think he'll be ready for year 3?",[PR]),
 ("any concerns with his learning so far?",[PR]),
 ("how did she do in her assessments?",[PR]),
 ("he's been having really bad headaches, the gp thinks it's migraines",[SK]),
 ("she's got a nasty chest infection but the doctor says she can go in",[SK]),
 ("he threw up in the car on the way home, think he's coming down with something",[SK]),
 ("her eczema cream is in her bag, it needs putting on at lunch please",[M,U]),
 ("he has a new epipen, the old one is out of date so i'll swap them over",[M]),
 ("the gp has started him on melatonin for sleep",[M]),
 ("can he be on the hot dinner list from monday?",[DN]),
 ("how do i apply for free school meals?",[DN]),
 ("my childminder will collect him every wednesday from next week",[P]),
 ("he's allowed to walk home by himself now, i've signed the form",[P]),
 ("her dad will be picking up on friday, not me",[P]),
 ("i'm running late, can she wait in reception? be there by 3.30",[P,U]),
]:
    a('p','pm',txt,ex,child='k07')
for txt in [
 "thanks so much for ringing me earlier, really put my mind at rest",
 "she loved the trip today, hasn't stopped talking about it!",
 "will the class be back in time for pick up after the museum?",
 "does he need his pe kit on monday or tuesday this week?",
 "we're all off to the seaside at the weekend, fingers crossed for sun",
 "she was up late finishing her project, apologies if she's tired",
 "he told me he's been picked for the football team, so proud!",
 "lovely parents' evening, thank you for your time",
 "could you let me know when the next parents' evening is?",
 "she said she had pasta for lunch, is that right? she never eats pasta at home lol",
 "is the late bus still running on fridays?",
 "I'll be collecting the tickets for the play from the office tomorrow",
 "my partner is away with work this week so i'm on my own with the kids, all fine though",
 "thanks for the update, glad he's settling back in after being off",
 "what was the homework this week? he forgot to bring it home",
 "we've just got back from holiday, he's got loads to tell you!",
 "she's been practising her spellings in the car every morning",
 "is it ok if he brings his toy for show and tell tomorrow?",
 "did you get my email about the trip? no rush",
 "happy to come in and help with reading on thursdays if you need volunteers",
]:
    a('p','pm',txt,[],child='k07')
for role,ctx,txt,ex in [
 ('p','cc',"is bella's party still on at the weekend?",[N]),
 ('p','cc',"Priya and Aisha were so sweet in the play",[N]),
 ('p','cc',"anyone seen frankie's lunchbox? it's gone walkabout",[N]),
 ('p','cc',"thanks emekas mum for the lift yesterday",[N]),
 ('p','cc',"saw yusuf at the park, he's grown so much!",[N]),
 ('p','cc',"the twins (Sam and Lottie) were brilliant",[N]),
 ('p','cc',"Happy birthday Dylan! 🎂",[N]),
 ('t','cs',"Well done to Niamh for her brilliant writing this week!",[N]),
 ('t','cs',"Star of the week: Tadhg, for always being kind.",[N]),
 ('p','cc',"mason jars are on offer at the big supermarket if you need them for the craft",[]),
 ('p','cc',"such a joy watching them all perform",[]),
 ('p','cc',"is it autumn or spring when they do the class assembly?",[]),
 ('p','cc',"the grace they said before lunch at the harvest festival was lovely",[]),
 ('p','cc',"can someone remind me what time the bell goes at the end of the day?",[]),
 ('t','cs',"Please send your child with a named coat, it's getting chilly.",[]),
 ('t','ss',"Our sponsored walk raised £640, thank you all!",[]),
]:
    a(role,ctx,txt,ex,child=None)
# ================= round 6: everyday sentences that reuse rule vocabulary (must raise nothing) =================
for ctx,txt in [
 ('pm',"is PE not on this week? she forgot her kit"),
 ('pm',"why has the trip been moved to thursday? just so i can sort work"),
 ('pm',"she had an awful night with her teeth coming through, sorry if she's grumpy"),
 ('pm',"she's a bit unhappy that she wasn't picked for the play but she'll get over it"),
 ('pm',"thanks for the quick call earlier, all sorted now"),
 ('pm',"can you put her on the list for the guitar lessons?"),
 ('pm',"i'll pick it up from the office after school"),
 ('cc',"i know where the party is, it's the soft play by the retail park"),
 ('cc',"you won't regret it, the summer fair is always brilliant"),
 ('cc',"let's see what happens with the weather on sports day"),
 ('cc',"ill be there at 3 to help set up"),
 ('cc',"she talks about the trip all the time, they loved it"),
 ('cc',"no wonder they're tired after all that swimming!"),
 ('cc',"his joke at the assembly had us all in stitches"),
 ('pm',"my dad beat him at chess at the weekend, he was not impressed haha"),
 ('pm',"his dad is going to throw him a party for his birthday"),
 ('pm',"she drops her reading book in every morning"),
]:
    a('p',ctx,txt,[],child=('k07' if ctx=='pm' else None))
a('t','cs',"Thanks for joining me at the assembly today, it was lovely to see so many of you.",[])
a('t','bc',"Honestly delighted with her effort today, she kept going with the tricky sums.",[])
with open('/work/main/crates/policy/data/dev.jsonl','w') as f:
    for i,(role,ctx,text,child,expect,t) in enumerate(rows):
        f.write(json.dumps({"id":f"dev-{i+1:03d}","role":R[role],"context":C[ctx],"text":text,"child":child,"sent_at":t,"expect":expect},ensure_ascii=False)+"\n")
clean=sum(1 for r in rows if not r[4])
print(len(rows),clean,clean/len(rows))
