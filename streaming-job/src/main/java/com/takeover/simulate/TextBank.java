package com.takeover.simulate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words the simulated people type: templates per topic, mood, speaker and language, with
 * slots ({order}, {amount}, {email}, ...) filled from the conversation's random stream. Customer
 * text follows the mood so the sentiment scorer has real language to read; some messages carry
 * PII (e-mail, phone, card, IBAN) for the masker; customers sometimes make typos, shout in caps
 * or add "!!!".
 */
final class TextBank {

    /** Mood buckets the customer templates are written for. */
    enum Mood {
        POSITIVE, NEUTRAL, ANNOYED, ANGRY, FURIOUS;

        static Mood of(double mood) {
            if (mood > 0.35) {
                return POSITIVE;
            }
            if (mood > -0.15) {
                return NEUTRAL;
            }
            if (mood > -0.5) {
                return ANNOYED;
            }
            if (mood > -0.8) {
                return ANGRY;
            }
            return FURIOUS;
        }
    }

    private TextBank() {}

    // ---------------------------------------------------------------------------------------
    // English: customer openers and topic details

    private static final Map<Topic, List<String>> OPENERS = new EnumMap<>(Topic.class);
    private static final Map<Topic, List<String>> DETAILS = new EnumMap<>(Topic.class);
    private static final Map<Topic, List<String>> AI_ANSWERS = new EnumMap<>(Topic.class);
    private static final Map<Topic, List<String>> AGENT_WORK = new EnumMap<>(Topic.class);
    private static final Map<Topic, String> TEAM = new EnumMap<>(Topic.class);

    static {
        OPENERS.put(Topic.ORDER_STATUS, List.of(
                "Hi, where is my order {order}? I ordered it {date}.",
                "Hello, can you tell me the status of order {order}?",
                "hi i placed an order {date} and havent heard anything since",
                "Good morning, my order {order} still says processing. When will it ship?",
                "Hey, just checking on order {order}, the {product}.",
                "Hi there, has my order {order} been dispatched yet?",
                "Could you check order {order} for me please? It was supposed to arrive {date}.",
                "Hello! Any update on my {product}? Order number {order}.",
                "Hi, I ordered {product} {date}, when does it arrive?",
                "My order confirmation never came, did the order {order} go through?"));
        OPENERS.put(Topic.SHIPPING, List.of(
                "Hi, the tracking for {tracking} hasn't moved in {days} days.",
                "My package was marked delivered but I never got it.",
                "Hello, can I change the delivery address for order {order}?",
                "The {carrier} driver left a note but I was home all day.",
                "Hi, how long does shipping to {city} usually take?",
                "My parcel arrived damaged, the box was crushed and the {product} is scratched.",
                "Hi, is express shipping available for order {order}?",
                "Tracking number {tracking} says 'exception'. What does that mean?",
                "Hello, only half of my order {order} arrived.",
                "Can you ship to a pickup point in {city} instead?"));
        OPENERS.put(Topic.PRODUCT_QUESTION, List.of(
                "Hi, is the {product} compatible with {device}?",
                "Hello, does the {product} come with a warranty?",
                "What's the difference between the {plan} and the basic one?",
                "Hi! Is the {product} available in black?",
                "Can I use the {product} outdoors?",
                "Hello, what size should I order, I'm usually a medium?",
                "Hi, does the {product} need batteries?",
                "Is there a discount if I buy two?",
                "Quick question: how heavy is the {product}?",
                "Hi, when will the {product} be back in stock?"));
        OPENERS.put(Topic.BILLING_DISPUTE, List.of(
                "Hi, I was charged {amount} twice for the same order.",
                "There is a charge of {amount} on my card ending {card4} that I don't recognise.",
                "Hello, my invoice {invoice} says {amount} but I was quoted much less.",
                "I cancelled my {plan} last month but you charged me again.",
                "Why was I billed {amount} {date}? I didn't authorise that.",
                "Hi, I think there's a mistake on my bill, the {plan} should be cheaper.",
                "You charged me a late fee of {amount} but I paid on time.",
                "Hello, I'd like to dispute invoice {invoice}.",
                "hi my bank statement shows {amount} from you and i have no idea what it is",
                "The promo price was not applied, I paid {amount} instead."));
        OPENERS.put(Topic.REFUND, List.of(
                "Hi, I returned the {product} {days} days ago and still no refund.",
                "Hello, how do I get a refund for order {order}?",
                "I'd like my money back for the {product}, it stopped working.",
                "When will my refund of {amount} be processed?",
                "Hi, you said the refund would take 5 days, it's been {days}.",
                "Can I get a refund instead of store credit?",
                "Hello, I was promised a refund of {amount} {date}.",
                "The refund went to an old card ending {card4}, can you fix that?",
                "Hi, I want to return the {product}, it's not what I expected.",
                "Is the shipping cost refunded too when I send back order {order}?"));
        OPENERS.put(Topic.TECHNICAL_ISSUE, List.of(
                "Hi, the app keeps crashing when I open settings.",
                "I get {error} every time I try to log in to the dashboard.",
                "My {product} won't connect to wifi anymore.",
                "Hello, the website shows {error} at checkout.",
                "Since the last update, notifications don't work on {device}.",
                "hi, the sync is broken, my data isnt showing up",
                "The {product} turns off randomly after a few minutes.",
                "I can't upload files, it just says {error}.",
                "The page is really slow and then times out.",
                "Hi, the {product} firmware update failed halfway."));
        OPENERS.put(Topic.ACCOUNT_ACCESS, List.of(
                "Hi, I can't log in to my account, it says my password is wrong.",
                "I never receive the password reset email at {email}.",
                "My account is locked after too many attempts, please help.",
                "Hello, I changed my phone number and now I can't get the 2FA code. New number is {phone}.",
                "How do I change the email on my account to {email}?",
                "Hi, I'm not getting the verification SMS.",
                "My account says it was deactivated, why?",
                "Hello, I forgot my username, my email is {email}.",
                "The login link in your email has expired already.",
                "Hi, can I add my partner as a second user on my account?"));
        OPENERS.put(Topic.CANCELLATION, List.of(
                "I want to cancel my {plan}.",
                "Hi, how do I cancel my subscription?",
                "Please cancel my account, I'm moving to another provider.",
                "Hello, I'd like to end my contract. What's the notice period?",
                "Hi, can I cancel order {order} before it ships?",
                "I want to cancel, the service has been getting worse.",
                "Hi, if I cancel the {plan} today do I still pay for this month?",
                "Cancel my membership please.",
                "Hello, I'm thinking about cancelling, is there a cheaper option?",
                "How can I close my account and delete my card details?"));
        OPENERS.put(Topic.COMPLAINT, List.of(
                "I want to make a formal complaint about the service I received.",
                "Your delivery driver was rude to my mother.",
                "I'm very disappointed with the {product}, it broke after a week.",
                "This is the worst customer service I have ever experienced.",
                "I want to complain about how my last request was handled.",
                "The quality of the {product} is terrible for the price.",
                "Hi, I need to complain, I was promised a callback {date} and nobody called.",
                "I'm unhappy with the way your staff treated me in the store.",
                "Hello, I'd like to give some feedback about a bad experience.",
                "Nobody answered my last three emails."));
        OPENERS.put(Topic.FRAUD_SECURITY, List.of(
                "Someone logged into my account from another country!",
                "There are orders on my account I didn't make.",
                "I got an email asking for my card number, is that really from you?",
                "My card {card} was used for a purchase I didn't make.",
                "Hi, I think my account was hacked, my email was changed.",
                "I received a text from {phone} claiming to be your security team.",
                "Please block my account right now, someone is using it.",
                "There's a transfer to {iban} that I did not authorise.",
                "Hello, I got a login alert that wasn't me.",
                "Is this phishing? The sender was {email}."));
        OPENERS.put(Topic.LEGAL, List.of(
                "I'm requesting all the personal data you hold about me under GDPR.",
                "My lawyer will be in touch about the damage your product caused.",
                "I want to know my rights, the contract says something different from your website.",
                "Please delete all my data, I'm withdrawing consent.",
                "Hi, I need a copy of the terms I agreed to when I signed up {date}.",
                "I intend to take this to the small claims court if it isn't resolved.",
                "This is a formal notice: your advertising for the {plan} was misleading.",
                "Who is your data protection officer? I need to send a written request.",
                "Hello, the {product} caught fire. I need to report it officially.",
                "I want written confirmation of my cancellation for my solicitor."));

        DETAILS.put(Topic.ORDER_STATUS, List.of(
                "The order number is {order}.", "It was the {product}.", "I paid for express delivery.",
                "It's a gift, I need it by {date}.", "The website still says processing.",
                "I haven't received any tracking number."));
        DETAILS.put(Topic.SHIPPING, List.of(
                "Tracking is {tracking}.", "The address is correct, I checked.", "It was sent with {carrier}.",
                "My neighbours didn't get it either.", "I can send a photo of the box.",
                "I live in {city}."));
        DETAILS.put(Topic.PRODUCT_QUESTION, List.of(
                "I mean the {product}.", "I'd use it with {device}.", "I'm comparing it with a competitor's model.",
                "Is the {plan} included?", "It's for my daughter.", "I need it to last a few years."));
        DETAILS.put(Topic.BILLING_DISPUTE, List.of(
                "The invoice number is {invoice}.", "It's the card ending {card4}.", "Both charges are {amount}.",
                "I only have one subscription.", "It happened {date}.",
                "My IBAN is {iban} if you need to refund it."));
        DETAILS.put(Topic.REFUND, List.of(
                "Order {order}.", "I sent it back with {carrier}.", "The return label number was {tracking}.",
                "It was {amount}.", "I returned it {date}.", "The card ending {card4} is closed now."));
        DETAILS.put(Topic.TECHNICAL_ISSUE, List.of(
                "I'm on {device}.", "I already restarted it.", "It says {error}.",
                "It worked fine until yesterday.", "I reinstalled the app, same thing.",
                "It's the {product}."));
        DETAILS.put(Topic.ACCOUNT_ACCESS, List.of(
                "My email is {email}.", "My phone number is {phone}.", "I tried resetting it twice.",
                "I don't have the old phone anymore.", "The username should be my email.",
                "I'm on {device}."));
        DETAILS.put(Topic.CANCELLATION, List.of(
                "It's the {plan}.", "I've been a customer for years.", "It's just too expensive now.",
                "I found a better offer elsewhere.", "I want it to end on {date}.",
                "Please send confirmation to {email}."));
        DETAILS.put(Topic.COMPLAINT, List.of(
                "It happened {date}.", "The order was {order}.", "I've been a loyal customer for years.",
                "I want someone to take responsibility.", "Nobody called me back.",
                "I expect some kind of compensation."));
        DETAILS.put(Topic.FRAUD_SECURITY, List.of(
                "I didn't share my password with anyone.", "The charge was {amount}.",
                "It happened {date} at night.", "My card is {card}.", "My email is {email}.",
                "I already called my bank."));
        DETAILS.put(Topic.LEGAL, List.of(
                "I signed up {date}.", "My customer email is {email}.", "I want it in writing.",
                "I have kept all receipts.", "This concerns the {plan}.", "You have 30 days to respond."));

        AI_ANSWERS.put(Topic.ORDER_STATUS, List.of(
                "Your order {order} was shipped {date} and should arrive within 2 business days.",
                "I can see order {order} is being packed and will leave our warehouse today.",
                "Order {order} is out for delivery. You can follow it with tracking number {tracking}.",
                "Your order is confirmed and scheduled for delivery on Thursday.",
                "I checked order {order}: it's in transit with {carrier}.",
                "Your {product} is on its way! Estimated delivery is tomorrow before 6 pm."));
        AI_ANSWERS.put(Topic.SHIPPING, List.of(
                "Deliveries to {city} usually take 2-3 business days.",
                "I've opened a trace with {carrier} for tracking number {tracking}.",
                "You can change the delivery address until the parcel leaves our warehouse: Account > Orders > Edit.",
                "An 'exception' usually means the carrier needs to re-route the parcel. It should update within 24 hours.",
                "I'm sorry your parcel arrived damaged. You can request a replacement under Orders > Report a problem.",
                "Express shipping is available for an extra fee at checkout."));
        AI_ANSWERS.put(Topic.PRODUCT_QUESTION, List.of(
                "Yes, the {product} works with {device}.",
                "The {product} comes with a 2-year warranty.",
                "The {plan} adds priority support and twice the storage of the basic plan.",
                "The {product} is available in black, white and grey.",
                "Our size guide suggests a medium if you usually wear a medium.",
                "The {product} has a built-in battery, no extra batteries needed."));
        AI_ANSWERS.put(Topic.BILLING_DISPUTE, List.of(
                "I can see two charges of {amount}. One of them is a pre-authorisation that will disappear within 5 days.",
                "The charge of {amount} is for your {plan} renewal.",
                "Invoice {invoice} includes the annual fee and taxes.",
                "Late fees are added when a payment arrives after the due date.",
                "You can download all invoices under Account > Billing.",
                "I've checked your billing history: the last payment was {amount}."));
        AI_ANSWERS.put(Topic.REFUND, List.of(
                "Refunds are processed within 5-7 business days after we receive the return.",
                "I can see your return for order {order} arrived. The refund of {amount} is on its way.",
                "You can request a refund under Orders > Return an item.",
                "Refunds go back to the original payment method.",
                "Store credit is issued instantly, a refund to your card takes up to 7 days.",
                "Your refund has been approved and should appear on your statement soon."));
        AI_ANSWERS.put(Topic.TECHNICAL_ISSUE, List.of(
                "Please try clearing the app cache: Settings > Apps > Clear cache.",
                "Restarting the {product} for 30 seconds usually fixes connection problems.",
                "{error} usually means the session expired. Please log out and in again.",
                "Please update the app to the latest version and try again.",
                "I've reset the sync for your account. It can take a few minutes to catch up.",
                "Try resetting the {product} to factory settings: hold the power button for 10 seconds."));
        AI_ANSWERS.put(Topic.ACCOUNT_ACCESS, List.of(
                "I've sent a new password reset link to the email on file.",
                "Your account is locked for 30 minutes after 5 failed attempts. After that you can try again.",
                "You can update your phone number under Account > Security.",
                "Please check your spam folder for the reset email.",
                "I've unlocked your account. You can log in now.",
                "You can add a second user under Account > Members."));
        AI_ANSWERS.put(Topic.CANCELLATION, List.of(
                "You can cancel your {plan} any time under Account > Subscription.",
                "The notice period is 30 days; you'll keep access until the end of the billing period.",
                "Order {order} hasn't shipped yet, so I can cancel it for you.",
                "Before you go: we can offer you 3 months at half price.",
                "If you cancel today you won't be charged for next month.",
                "Your cancellation request has been registered."));
        AI_ANSWERS.put(Topic.COMPLAINT, List.of(
                "I'm sorry to hear about your experience. I've registered your complaint.",
                "Thank you for your feedback, I've passed it on to the team.",
                "I'm sorry the {product} broke. You can request a replacement under warranty.",
                "I apologise for the missed callback. I've requested a new one.",
                "Your complaint has been logged with reference C-{invoice}.",
                "We take feedback like this seriously and will review what happened."));
        AI_ANSWERS.put(Topic.FRAUD_SECURITY, List.of(
                "I've temporarily locked your account to protect it.",
                "We never ask for card numbers by email. Please don't reply to that message.",
                "Please change your password and enable two-factor authentication.",
                "I've flagged the unknown orders for our security team.",
                "I've blocked the card on file. A new one will be sent.",
                "Thanks for reporting it. That message was not from us."));
        AI_ANSWERS.put(Topic.LEGAL, List.of(
                "You can request a copy of your data under Account > Privacy > Download my data.",
                "Our terms and conditions are available at the bottom of every page.",
                "I've registered your data deletion request. It will be completed within 30 days.",
                "Our data protection officer can be reached through the privacy form.",
                "I've forwarded your request to the responsible team.",
                "You'll receive written confirmation by email."));

        AGENT_WORK.put(Topic.ORDER_STATUS, List.of(
                "I've checked with the warehouse: order {order} leaves today and you'll get tracking tonight.",
                "The order was stuck in a payment check. I've released it, it ships tomorrow.",
                "I've upgraded the shipping to express at no cost."));
        AGENT_WORK.put(Topic.SHIPPING, List.of(
                "I've opened a claim with {carrier} and sent a replacement, it arrives in 2 days.",
                "I've changed the address on order {order} directly with the carrier.",
                "The parcel is at the depot in {city}. I've asked them to deliver it tomorrow morning."));
        AGENT_WORK.put(Topic.PRODUCT_QUESTION, List.of(
                "Good question. I checked with the product team: yes, it works with {device}.",
                "The {product} comes back in stock next week. I can reserve one for you.",
                "I'd recommend the larger model for what you describe."));
        AGENT_WORK.put(Topic.BILLING_DISPUTE, List.of(
                "I can see the double charge of {amount}. I've refunded it, you'll see it in 3-5 days.",
                "I've corrected invoice {invoice} and sent you the updated copy.",
                "You're right, the late fee shouldn't be there. I've removed it.",
                "I've applied the promo price and refunded the difference."));
        AGENT_WORK.put(Topic.REFUND, List.of(
                "I've pushed the refund of {amount} through manually. It's on its way.",
                "The refund got stuck because the old card is closed. I'll send it by bank transfer instead.",
                "I've approved a full refund including shipping."));
        AGENT_WORK.put(Topic.TECHNICAL_ISSUE, List.of(
                "This is a known issue with the last update. I've applied a fix to your account, please try again.",
                "I've opened a ticket with our engineers and I'll follow up by email.",
                "Let's do this step by step: please open Settings and tell me what you see."));
        AGENT_WORK.put(Topic.ACCOUNT_ACCESS, List.of(
                "I've verified your identity and reset the two-factor settings. You can log in now.",
                "I've unlocked the account and updated your phone number.",
                "I've sent you a one-time login link."));
        AGENT_WORK.put(Topic.CANCELLATION, List.of(
                "I've cancelled it effective today, you won't be charged again.",
                "I can offer you 6 months at half price if you'd like to stay.",
                "I've processed the cancellation and emailed you the confirmation."));
        AGENT_WORK.put(Topic.COMPLAINT, List.of(
                "I'm really sorry about this. I've added a credit of {amount} to your account.",
                "I've escalated this to the team lead, and they'll call you tomorrow.",
                "You're right to be upset. I've arranged a replacement at no cost."));
        AGENT_WORK.put(Topic.FRAUD_SECURITY, List.of(
                "I've secured your account, cancelled the unknown orders and reset your password.",
                "I've blocked the card and opened a fraud case. You'll get the money back.",
                "Our security team has confirmed the login was suspicious. Everything is locked down now."));
        AGENT_WORK.put(Topic.LEGAL, List.of(
                "I've forwarded this to our legal team; you'll receive a written answer within 14 days.",
                "I've started your data request. You'll get the export by email within 30 days.",
                "I've noted your formal notice and a colleague from legal will contact you."));

        TEAM.put(Topic.ORDER_STATUS, "orders");
        TEAM.put(Topic.SHIPPING, "shipping");
        TEAM.put(Topic.PRODUCT_QUESTION, "product");
        TEAM.put(Topic.BILLING_DISPUTE, "billing");
        TEAM.put(Topic.REFUND, "returns");
        TEAM.put(Topic.TECHNICAL_ISSUE, "technical support");
        TEAM.put(Topic.ACCOUNT_ACCESS, "accounts");
        TEAM.put(Topic.CANCELLATION, "customer retention");
        TEAM.put(Topic.COMPLAINT, "customer care");
        TEAM.put(Topic.FRAUD_SECURITY, "security");
        TEAM.put(Topic.LEGAL, "legal");
    }

    // ---------------------------------------------------------------------------------------
    // English: mood lines, human requests, confusion, closings

    private static final Map<Mood, List<String>> MOOD_LINES = new EnumMap<>(Mood.class);

    static {
        MOOD_LINES.put(Mood.POSITIVE, List.of(
                "Great, thanks!", "Perfect, that helps a lot.", "Thank you, that's exactly what I needed.",
                "Awesome, appreciate it :)", "Ok great, thanks for the quick answer.", "That's good to hear, thanks.",
                "Brilliant, thank you so much!", "Nice, that was easy.", "Oh good, thank you 🙂",
                "Lovely, thanks for checking."));
        MOOD_LINES.put(Mood.NEUTRAL, List.of(
                "Ok.", "Ok, and then what?", "Alright. What do I need to do next?", "I see. Can you check again?",
                "Sure, one moment.", "Ok, how long will that take?", "Yes, that's the one.", "Fine, go ahead.",
                "I already did that.", "Hmm ok.", "And how do I do that?", "Ok, and what if that doesn't work?"));
        MOOD_LINES.put(Mood.ANNOYED, List.of(
                "That doesn't really answer my question.", "I already told you that.", "Hmm, that's not what I asked.",
                "This is taking longer than it should.", "Still not working.", "I'm getting a bit frustrated here.",
                "Why is this so complicated?", "That's not helpful, sorry.", "Can you please just check my account?",
                "I've tried that already, twice.", "Honestly this is disappointing.",
                "It's been {days} days, this shouldn't be this hard.", "No, that's not it either."));
        MOOD_LINES.put(Mood.ANGRY, List.of(
                "This is ridiculous.", "You are not listening to me!", "This is the third time I ask the same question.",
                "I'm really angry now, nothing you say is helping.", "Useless. Completely useless.",
                "Seriously? That's the same answer again.", "This is unacceptable.", "I am fed up with this.",
                "Stop sending me the same link, it doesn't work!", "Terrible service, I expected much better.",
                "I have wasted an hour on this already.", "Why can't you just fix it??",
                "It's STILL not working and nobody cares."));
        MOOD_LINES.put(Mood.FURIOUS, List.of(
                "This is absolutely ridiculous, I want my money back NOW.", "Worst service ever. I'm done with you people.",
                "Are you kidding me?! This is a joke.", "I am furious. Fix this immediately or I'm cancelling everything.",
                "What the hell is wrong with your company?", "This is a scam and I will report you.",
                "Pathetic. I'll be telling everyone to stay away.", "I'm so angry I can't even type properly.",
                "Unbelievable. You've ruined my week.", "I hate this stupid bot.",
                "Cancel my account. Terrible, terrible company 😡"));
    }

    private static final List<String> HUMAN_MILD = List.of(
            "Can I talk to a real person please?", "Is there a human I can speak to?", "I'd like to speak to an agent.",
            "Could you transfer me to someone from the team?", "Agent please.", "Can a person look at this instead?",
            "Is it possible to chat with a human?", "Can someone from customer service call me? My number is {phone}.");
    private static final List<String> HUMAN_STRONG = List.of(
            "Get me a human. Now.", "I want to talk to a real person, not a bot!", "Stop. Connect me to an agent.",
            "HUMAN. PLEASE.", "Let me speak to your manager.",
            "I don't want to talk to a machine anymore, give me a real person.",
            "Representative! Representative!", "Put me through to a human being, this is going nowhere.");
    /** Mentions of agents that are not requests: the detector must not fire on these. */
    private static final List<String> HUMAN_DECLINED = List.of(
            "No need for an agent, I'll figure it out.", "I don't need a human, just tell me the date.",
            "You don't have to transfer me, this is fine.");
    private static final List<String> CONFUSED = List.of(
            "Sorry, I don't understand.", "What do you mean?", "Which button? I don't see it.", "Where do I find that?",
            "I'm confused, is that the same as my account number?", "Sorry, can you explain that again?",
            "Do I need to log in first?", "Is that in the app or on the website?", "Huh?",
            "I'm not very good with computers, sorry.", "Wait, which page are you talking about?");
    private static final List<String> CLOSE_HAPPY = List.of(
            "Thanks, that's all!", "Great, have a nice day.", "Thank you for your help, bye!", "All sorted, thanks.",
            "Perfect, thank you 🙂", "Thanks a lot, you've been very helpful.");
    private static final List<String> CLOSE_NEUTRAL = List.of(
            "Ok, I'll wait then.", "Alright, thanks.", "Ok, bye.", "I'll check again tomorrow.");
    private static final List<String> CLOSE_UNHAPPY = List.of(
            "Forget it.", "Never mind, I'll call instead.", "Whatever. Bye.", "I give up.",
            "This was a waste of time.", "I'll take my business elsewhere.");
    private static final List<String> TO_AGENT_RELIEVED = List.of(
            "Finally, a real person! Thank you.", "Thanks for jumping in.", "Ok thank you, that makes more sense.",
            "Great, thanks for sorting it out.", "Yes, that's right, thanks.", "Oh thank goodness. Thanks!",
            "That's great, I appreciate your help.");
    private static final List<String> TO_AGENT_STILL_UPSET = List.of(
            "Ok, but why did it take so long to get here?", "I've explained this three times already.",
            "Fine. What now?", "I hope you can actually fix it this time.", "Ok. Let's see if this works.");

    private static final List<String> AI_LOST = List.of(
            "I'm sorry, I didn't quite understand. Could you rephrase your question?",
            "I'm not sure I can help with that. Could you give me more details?",
            "Here is an article that might help: Help Center > Frequently asked questions.",
            "Could you tell me your order number so I can look into it?",
            "I'm sorry for the confusion. Could you describe the problem again?",
            "I found several possible answers. Did you mean billing, shipping, or account settings?",
            "Unfortunately I don't have information about that.",
            "Let me check... I couldn't find anything matching your request.");
    private static final List<String> AI_EMPATHY = List.of(
            "I'm sorry for the trouble.", "I understand this is frustrating.", "I apologise for the inconvenience.",
            "Thanks for your patience.");
    private static final List<String> AI_DEFLECT_HUMAN = List.of(
            "I understand you'd like to speak to someone. I can help with most questions here - could you tell me more?",
            "Our agents are busy at the moment. Maybe I can help you first?",
            "I'm here to help! What seems to be the problem?");
    private static final List<String> AI_ESCALATE = List.of(
            "I'll connect you with a member of our team who can help further. Please hold on.",
            "Let me bring in a colleague for this one.",
            "This needs a specialist. I'm transferring you to an agent now.");
    private static final List<String> AI_CLOSE = List.of(
            "Is there anything else I can help you with?", "Glad I could help! Have a great day.",
            "Happy to help. Anything else?");
    private static final List<String> AI_CLOSE_SORRY = List.of(
            "I'm sorry I couldn't help more. You can also reach us by phone.", "I'm sorry to hear that. Your feedback has been recorded.",
            "I understand. If you change your mind, I'm here to help.");
    private static final List<String> AGENT_GREETING = List.of(
            "Hi, this is {agent} from the {team} team. I've taken over from our assistant and I'm reading through your messages now.",
            "Hello, {agent} here from {team}. Sorry for the wait - let me sort this out for you.",
            "Hi! {agent} here. I can see what happened, give me a moment.",
            "Hi, my name is {agent}, I'm a member of the {team} team. I'll take it from here.");
    private static final List<String> AGENT_FOLLOW = List.of(
            "Could you confirm the email on the account for me?", "Thanks, one moment while I check.",
            "I've made a note on your account and you'll get an email confirmation shortly.",
            "Let me check that with my colleague, one moment please.", "Done. Can you check if it works on your side now?");
    private static final List<String> AGENT_CLOSE = List.of(
            "Is there anything else I can do for you today?", "Thanks for your patience, and sorry again for the trouble.",
            "You're welcome! Have a good day.");
    private static final List<String> AGENT_HAND_BACK = List.of(
            "I'll hand you back to our assistant now for anything else - it can take it from here.",
            "All done on my side. Our assistant will help you with the rest.");

    // ---------------------------------------------------------------------------------------
    // German and Spanish: a smaller bank (the scorer's lexicon is English: these conversations are its blind spot)

    private static final Map<Topic, String[]> TOPIC_WORD = new EnumMap<>(Topic.class);

    static {
        TOPIC_WORD.put(Topic.ORDER_STATUS, new String[] {"meiner Bestellung {order}", "mi pedido {order}"});
        TOPIC_WORD.put(Topic.SHIPPING, new String[] {"der Lieferung", "el envío"});
        TOPIC_WORD.put(Topic.PRODUCT_QUESTION, new String[] {"dem Produkt {product}", "el producto {product}"});
        TOPIC_WORD.put(Topic.BILLING_DISPUTE, new String[] {"meiner Rechnung {invoice}", "mi factura {invoice}"});
        TOPIC_WORD.put(Topic.REFUND, new String[] {"meiner Rückerstattung", "mi reembolso"});
        TOPIC_WORD.put(Topic.TECHNICAL_ISSUE, new String[] {"einem technischen Problem", "un problema técnico"});
        TOPIC_WORD.put(Topic.ACCOUNT_ACCESS, new String[] {"dem Login in mein Konto", "el acceso a mi cuenta"});
        TOPIC_WORD.put(Topic.CANCELLATION, new String[] {"der Kündigung meines Vertrags", "la cancelación de mi contrato"});
        TOPIC_WORD.put(Topic.COMPLAINT, new String[] {"einer Beschwerde", "una queja"});
        TOPIC_WORD.put(Topic.FRAUD_SECURITY, new String[] {"einer verdächtigen Abbuchung", "un cargo sospechoso"});
        TOPIC_WORD.put(Topic.LEGAL, new String[] {"meinen Daten (DSGVO)", "mis datos personales (RGPD)"});
    }

    private static final List<String> DE_OPENERS = List.of(
            "Hallo, ich habe eine Frage zu {topic}.", "Guten Tag, es geht um {topic}.",
            "Hallo, ich brauche Hilfe mit {topic}.", "Hi, ein Problem mit {topic}.");
    private static final List<String> ES_OPENERS = List.of(
            "Hola, tengo una pregunta sobre {topic}.", "Buenos días, les escribo por {topic}.",
            "Hola, necesito ayuda con {topic}.", "Hola, tengo un problema con {topic}.");
    private static final Map<Mood, List<String>> DE_MOOD = new EnumMap<>(Mood.class);
    private static final Map<Mood, List<String>> ES_MOOD = new EnumMap<>(Mood.class);

    static {
        DE_MOOD.put(Mood.POSITIVE, List.of("Super, danke!", "Perfekt, vielen Dank.", "Danke, das hilft mir sehr."));
        DE_MOOD.put(Mood.NEUTRAL, List.of("Ok.", "Und was muss ich jetzt tun?", "Wie lange dauert das?", "Die Nummer ist {order}."));
        DE_MOOD.put(Mood.ANNOYED, List.of("Das beantwortet meine Frage nicht.", "Das habe ich schon versucht.", "Es funktioniert immer noch nicht."));
        DE_MOOD.put(Mood.ANGRY, List.of("Das ist doch lächerlich!", "Sie hören mir nicht zu!", "Das ist inakzeptabel."));
        DE_MOOD.put(Mood.FURIOUS, List.of("Unglaublich. Ich kündige alles!", "Schlechtester Service überhaupt!!", "Ich bin stinksauer."));
        ES_MOOD.put(Mood.POSITIVE, List.of("¡Genial, gracias!", "Perfecto, muchas gracias.", "Gracias, me ayuda mucho."));
        ES_MOOD.put(Mood.NEUTRAL, List.of("Vale.", "¿Y qué tengo que hacer ahora?", "¿Cuánto tarda?", "El número es {order}."));
        ES_MOOD.put(Mood.ANNOYED, List.of("Eso no responde a mi pregunta.", "Ya lo he intentado.", "Sigue sin funcionar."));
        ES_MOOD.put(Mood.ANGRY, List.of("¡Esto es ridículo!", "¡No me está escuchando!", "Esto es inaceptable."));
        ES_MOOD.put(Mood.FURIOUS, List.of("Increíble. ¡Lo cancelo todo!", "¡¡El peor servicio del mundo!!", "Estoy furioso."));
    }

    private static final List<String> DE_HUMAN = List.of(
            "Kann ich bitte mit einem Menschen sprechen?", "Ich möchte einen Mitarbeiter sprechen!", "Bitte verbinden Sie mich mit einem echten Menschen.");
    private static final List<String> ES_HUMAN = List.of(
            "¿Puedo hablar con una persona, por favor?", "¡Quiero hablar con un agente!", "Páseme con un humano, por favor.");
    private static final List<String> DE_CONFUSED = List.of("Das verstehe ich nicht.", "Wo finde ich das?", "Wie meinen Sie das?");
    private static final List<String> ES_CONFUSED = List.of("No lo entiendo.", "¿Dónde encuentro eso?", "¿Qué quiere decir?");
    private static final List<String> DE_CLOSE_HAPPY = List.of("Danke, das war alles!", "Vielen Dank, tschüss.");
    private static final List<String> DE_CLOSE_UNHAPPY = List.of("Vergessen Sie es.", "Ich rufe lieber an.");
    private static final List<String> ES_CLOSE_HAPPY = List.of("Gracias, eso es todo.", "Muchas gracias, adiós.");
    private static final List<String> ES_CLOSE_UNHAPPY = List.of("Olvídelo.", "Mejor llamo por teléfono.");
    private static final List<String> DE_AI = List.of(
            "Ich habe Ihre Anfrage zu {topic} geprüft. Sie erhalten in Kürze eine E-Mail.",
            "Vielen Dank! Ihre Anfrage zu {topic} ist erfasst.", "Das können Sie unter Konto > Einstellungen ändern.");
    private static final List<String> ES_AI = List.of(
            "He revisado su consulta sobre {topic}. Recibirá un correo en breve.",
            "¡Gracias! Su consulta sobre {topic} está registrada.", "Puede cambiarlo en Cuenta > Ajustes.");
    private static final List<String> DE_AI_LOST = List.of(
            "Entschuldigung, das habe ich nicht verstanden. Können Sie es anders formulieren?", "Dazu habe ich leider keine Informationen.");
    private static final List<String> ES_AI_LOST = List.of(
            "Lo siento, no le he entendido. ¿Puede reformular su pregunta?", "Lo siento, no tengo información sobre eso.");
    private static final List<String> DE_AGENT = List.of(
            "Hallo, hier ist {agent} vom Kundenservice. Ich übernehme jetzt.", "Ich habe das für Sie erledigt.",
            "Gibt es sonst noch etwas?");
    private static final List<String> ES_AGENT = List.of(
            "Hola, soy {agent} del servicio de atención al cliente. Me encargo yo.", "Ya lo he solucionado.",
            "¿Puedo ayudarle en algo más?");

    // ---------------------------------------------------------------------------------------
    // Customer text

    static String opener(Topic topic, Language lang, Rng rng, Map<String, String> mem) {
        return switch (lang) {
            case EN -> fill(rng.pick(OPENERS.get(topic)), rng, mem);
            case DE -> fill(rng.pick(DE_OPENERS).replace("{topic}", TOPIC_WORD.get(topic)[0]), rng, mem);
            case ES -> fill(rng.pick(ES_OPENERS).replace("{topic}", TOPIC_WORD.get(topic)[1]), rng, mem);
        };
    }

    /** A customer's reply to the AI in the given mood; neutral replies often add a topic detail. */
    static String customerReply(Topic topic, Mood mood, Language lang, Rng rng, Map<String, String> mem) {
        if (lang != Language.EN) {
            return fill(rng.pick((lang == Language.DE ? DE_MOOD : ES_MOOD).get(mood)), rng, mem);
        }
        String line;
        if (mood == Mood.NEUTRAL && rng.chance(0.55)) {
            line = rng.pick(DETAILS.get(topic));
        } else if ((mood == Mood.ANNOYED || mood == Mood.ANGRY) && rng.chance(0.3)) {
            line = rng.pick(MOOD_LINES.get(mood)) + " " + rng.pick(DETAILS.get(topic));
        } else {
            line = rng.pick(MOOD_LINES.get(mood));
        }
        return roughen(fill(line, rng, mem), mood, rng);
    }

    static String humanRequest(Mood mood, Language lang, Rng rng, Map<String, String> mem) {
        if (lang != Language.EN) {
            return rng.pick(lang == Language.DE ? DE_HUMAN : ES_HUMAN);
        }
        boolean strong = mood == Mood.ANGRY || mood == Mood.FURIOUS;
        return roughen(fill(rng.pick(strong ? HUMAN_STRONG : HUMAN_MILD), rng, mem), mood, rng);
    }

    /** A message that mentions agents without asking for one (calm customers, now and then). */
    static String humanDeclined(Rng rng) {
        return rng.pick(HUMAN_DECLINED);
    }

    static String confused(Language lang, Rng rng) {
        return switch (lang) {
            case EN -> roughen(rng.pick(CONFUSED), Mood.NEUTRAL, rng);
            case DE -> rng.pick(DE_CONFUSED);
            case ES -> rng.pick(ES_CONFUSED);
        };
    }

    /** The customer's last message: thanks, a neutral goodbye or giving up, by mood. */
    static String customerClosing(Mood mood, Language lang, Rng rng, Map<String, String> mem) {
        boolean happy = mood == Mood.POSITIVE;
        boolean unhappy = mood == Mood.ANGRY || mood == Mood.FURIOUS || mood == Mood.ANNOYED;
        return switch (lang) {
            case EN -> roughen(rng.pick(happy ? CLOSE_HAPPY : unhappy ? CLOSE_UNHAPPY : CLOSE_NEUTRAL), mood, rng);
            case DE -> rng.pick(unhappy ? DE_CLOSE_UNHAPPY : DE_CLOSE_HAPPY);
            case ES -> rng.pick(unhappy ? ES_CLOSE_UNHAPPY : ES_CLOSE_HAPPY);
        };
    }

    /** The customer's answer once a human is in the conversation. */
    static String customerToAgent(Topic topic, Mood mood, Language lang, Rng rng, Map<String, String> mem) {
        if (lang != Language.EN) {
            return customerReply(topic, mood, lang, rng, mem);
        }
        if (mood == Mood.POSITIVE) {
            return fill(rng.pick(TO_AGENT_RELIEVED), rng, mem);
        }
        if (mood == Mood.NEUTRAL) {
            return fill(rng.chance(0.5) ? rng.pick(DETAILS.get(topic)) : rng.pick(MOOD_LINES.get(Mood.NEUTRAL)), rng, mem);
        }
        return roughen(fill(rng.chance(0.6) ? rng.pick(TO_AGENT_STILL_UPSET) : rng.pick(MOOD_LINES.get(mood)), rng, mem), mood, rng);
    }

    // ---------------------------------------------------------------------------------------
    // AI and agent text

    static String aiAnswer(Topic topic, Language lang, boolean empathise, Rng rng, Map<String, String> mem) {
        return switch (lang) {
            case EN -> (empathise ? rng.pick(AI_EMPATHY) + " " : "") + fill(rng.pick(AI_ANSWERS.get(topic)), rng, mem);
            case DE -> fill(rng.pick(DE_AI).replace("{topic}", TOPIC_WORD.get(topic)[0]), rng, mem);
            case ES -> fill(rng.pick(ES_AI).replace("{topic}", TOPIC_WORD.get(topic)[1]), rng, mem);
        };
    }

    static String aiLost(Language lang, Rng rng) {
        return switch (lang) {
            case EN -> rng.pick(AI_LOST);
            case DE -> rng.pick(DE_AI_LOST);
            case ES -> rng.pick(ES_AI_LOST);
        };
    }

    static String aiDeflectHuman(Rng rng) {
        return rng.pick(AI_DEFLECT_HUMAN);
    }

    static String aiEscalate(Rng rng) {
        return rng.pick(AI_ESCALATE);
    }

    /** The AI's goodbye; a sorry one when the customer leaves unhappy. */
    static String aiClosing(boolean sorry, Rng rng) {
        return rng.pick(sorry ? AI_CLOSE_SORRY : AI_CLOSE);
    }

    static String agentGreeting(String agentName, Topic topic, Language lang, Rng rng) {
        if (lang != Language.EN) {
            return (lang == Language.DE ? DE_AGENT : ES_AGENT).get(0).replace("{agent}", agentName);
        }
        return rng.pick(AGENT_GREETING).replace("{agent}", agentName).replace("{team}", TEAM.get(topic));
    }

    /** An agent's working message: mostly the fix for the topic, sometimes a generic step. */
    static String agentWork(Topic topic, Language lang, Rng rng, Map<String, String> mem) {
        if (lang != Language.EN) {
            return (lang == Language.DE ? DE_AGENT : ES_AGENT).get(1);
        }
        return fill(rng.chance(0.65) ? rng.pick(AGENT_WORK.get(topic)) : rng.pick(AGENT_FOLLOW), rng, mem);
    }

    static String agentClosing(Language lang, Rng rng) {
        if (lang != Language.EN) {
            return (lang == Language.DE ? DE_AGENT : ES_AGENT).get(2);
        }
        return rng.pick(AGENT_CLOSE);
    }

    static String agentHandBack(Rng rng) {
        return rng.pick(AGENT_HAND_BACK);
    }

    // ---------------------------------------------------------------------------------------
    // Slots and roughening

    private static final String[] PRODUCTS = {
        "wireless headphones", "X200 router", "standing desk", "running shoes", "smart thermostat", "coffee machine",
        "4K monitor", "winter jacket", "baby stroller", "phone case", "robot vacuum", "e-reader", "air fryer",
        "gaming chair", "fitness tracker"};
    private static final String[] PLANS = {"Premium plan", "Family plan", "Pro subscription", "Business plan", "Plus membership"};
    private static final String[] DEVICES = {"an iPhone 15", "Windows 11", "a Mac", "my Android phone", "an iPad", "a Chromebook"};
    private static final String[] CARRIERS = {"DHL", "UPS", "FedEx", "the courier", "DPD"};
    private static final String[] CITIES = {"Chicago", "Manchester", "Berlin", "Lyon", "Toronto", "Dublin", "Austin", "Leeds", "Madrid"};
    private static final String[] ERRORS = {"error 503", "E-1027", "a blank screen", "'session expired'", "error code 0x80070005",
        "'something went wrong'"};
    private static final String[] DATES = {"yesterday", "last week", "on Monday", "last Tuesday", "3 days ago", "two weeks ago",
        "on the 14th", "last month"};
    private static final String[] FIRST = {"anna", "james", "maria", "li", "omar", "sophie", "daniel", "priya", "lucas", "emma",
        "noah", "fatima", "jonas", "chloe", "mateo"};
    private static final String[] LAST = {"smith", "mueller", "garcia", "chen", "okafor", "brown", "rossi", "novak", "kim", "dubois"};
    private static final String[] MAIL_DOMAINS = {"example.com", "mail.example.org", "example.net"};
    private static final Pattern SLOT = Pattern.compile("\\{([a-z0-9]+)}");

    /** Slots that keep their value through a conversation: the order number the customer gave is the one the AI checks. */
    private static final java.util.Set<String> STICKY = java.util.Set.of(
            "order", "amount", "product", "plan", "device", "carrier", "city", "card4", "invoice", "tracking", "email",
            "phone", "card", "iban");

    static String fill(String template, Rng rng) {
        return fill(template, rng, null);
    }

    /** Fills the template's slots; {@code memory} (per conversation, may be null) keeps sticky values. */
    static String fill(String template, Rng rng, Map<String, String> memory) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (memory != null && STICKY.contains(name)) {
                value = memory.get(name);
                if (value == null) {
                    value = slot(name, rng);
                    memory.put(name, value);
                }
            } else {
                value = slot(name, rng);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String slot(String name, Rng rng) {
        return switch (name) {
            case "order" -> "#" + rng.between(1_000_000, 9_999_999);
            case "amount" -> String.format(java.util.Locale.ROOT, "$%d.%02d", rng.between(9, 480), rng.nextInt(100));
            case "date" -> rng.pick(DATES);
            case "product" -> rng.pick(PRODUCTS);
            case "plan" -> rng.pick(PLANS);
            case "device" -> rng.pick(DEVICES);
            case "carrier" -> rng.pick(CARRIERS);
            case "city" -> rng.pick(CITIES);
            case "error" -> rng.pick(ERRORS);
            case "card4" -> String.format("%04d", rng.nextInt(10_000));
            case "invoice" -> "INV-" + rng.between(100_000, 999_999);
            case "days" -> Integer.toString(rng.between(3, 21));
            case "tracking" -> tracking(rng);
            case "email" -> rng.pick(FIRST) + "." + rng.pick(LAST) + rng.between(1, 99) + "@" + rng.pick(MAIL_DOMAINS);
            case "phone" -> phone(rng);
            case "card" -> card(rng);
            case "iban" -> iban(rng);
            default -> throw new IllegalStateException("template slot {" + name + "} has no filler");
        };
    }

    private static String tracking(Rng rng) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder("1Z");
        for (int i = 0; i < 14; i++) {
            sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String phone(Rng rng) {
        return switch (rng.nextInt(3)) {
            case 0 -> String.format("+1 415 555 %04d", rng.nextInt(10_000));
            case 1 -> String.format("(212) 555-%04d", rng.nextInt(10_000));
            default -> String.format("+44 7700 900%03d", rng.nextInt(1000));
        };
    }

    /** A Luhn-valid 16-digit test card number, grouped by four. */
    static String card(Rng rng) {
        int[] d = new int[16];
        d[0] = 4;
        for (int i = 1; i < 15; i++) {
            d[i] = rng.nextInt(10);
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            // doubling positions counted from the right, check digit excluded
            int v = d[i];
            if ((15 - i) % 2 == 1) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
            sb.append(d[i]);
        }
        return sb.toString();
    }

    /** A German IBAN with a valid mod-97 check, grouped by four. */
    static String iban(Rng rng) {
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            bban.append(rng.nextInt(10));
        }
        // check digits: 98 - (bban + "DE00" as digits) mod 97; D=13, E=14
        String numeric = bban + "131400";
        int mod = 0;
        for (int i = 0; i < numeric.length(); i++) {
            mod = (mod * 10 + (numeric.charAt(i) - '0')) % 97;
        }
        String raw = String.format("DE%02d", 98 - mod) + bban;
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                grouped.append(' ');
            }
            grouped.append(raw.charAt(i));
        }
        return grouped.toString();
    }

    /** How people really type: typos now and then, caps and "!!!" when angry, lower case when in a hurry. */
    static String roughen(String text, Mood mood, Rng rng) {
        String t = text;
        if (rng.chance(0.07)) {
            t = typo(t, rng);
        }
        switch (mood) {
            case FURIOUS -> {
                if (rng.chance(0.45)) {
                    t = t.toUpperCase(java.util.Locale.ROOT);
                }
                if (rng.chance(0.4)) {
                    t = t.replaceAll("[.!]?$", "!!!");
                }
            }
            case ANGRY -> {
                if (rng.chance(0.2)) {
                    t = t.toUpperCase(java.util.Locale.ROOT);
                } else if (rng.chance(0.3)) {
                    t = t.replaceAll("[.!]?$", "!!");
                }
            }
            case NEUTRAL, ANNOYED -> {
                if (rng.chance(0.1)) {
                    t = t.toLowerCase(java.util.Locale.ROOT).replaceAll("[.]$", "");
                }
            }
            default -> { }
        }
        return t;
    }

    private static String typo(String text, Rng rng) {
        String[] words = text.split(" ");
        for (int attempt = 0; attempt < 4; attempt++) {
            int i = rng.nextInt(words.length);
            String w = words[i];
            // leave numbers, e-mails and short words alone: typos there would change the facts
            if (w.length() < 5 || !w.chars().allMatch(Character::isLetter)) {
                continue;
            }
            int p = rng.between(1, w.length() - 2);
            char[] c = w.toCharArray();
            if (rng.chance(0.5)) {
                char tmp = c[p];
                c[p] = c[p + 1];
                c[p + 1] = tmp;
                words[i] = new String(c);
            } else {
                words[i] = w.substring(0, p) + w.substring(p + 1);
            }
            return String.join(" ", words);
        }
        return text;
    }
}
