/// Default code lists, from the lists in the reference reports (`statutory-rules.md` §5).
/// "Not recorded"/"Unknown" are explicit codes so percentages can be taken over all records.
enum DefaultCategories {
    static var all: [Category] { casework + equality }
    static var casework: [Category] {
        methods + relationships + services + natures + outcomes + refusalReasons + outcomesSought + actualOutcomes
            + learningThemes
    }
    static var equality: [Category] { disabilities + genders + ageBands + ethnicities }

    // §5.15 (Hampshire Tables 17–20). Age bands without Hampshire's overlap at 16; ethnic groups
    // are the ONS 2021 Census categories (the recommended canonical list). "Not stated" is a code.
    static let disabilities = list(.disability, ["Yes", "No", "Not stated"])
    static let genders = list(.gender, ["Female", "Male", "In another way", "Joint complainants", "Not stated"])
    static let ageBands = list(
        .ageBand, ["Under 16", "16 to 19", "20 to 24", "25 to 59", "60 to 64", "65 and over", "Not stated"])
    static let ethnicities = list(
        .ethnicity,
        [
            "Asian or Asian British: Bangladeshi", "Asian or Asian British: Chinese", "Asian or Asian British: Indian",
            "Asian or Asian British: Pakistani",
            "Asian or Asian British: any other Asian background", "Black, Black British, Caribbean or African: African",
            "Black, Black British, Caribbean or African: Caribbean",
            "Black, Black British, Caribbean or African: any other Black background",
            "Mixed or multiple: White and Asian", "Mixed or multiple: White and Black African",
            "Mixed or multiple: White and Black Caribbean",
            "Mixed or multiple: any other Mixed background",
            "White: English, Welsh, Scottish, Northern Irish or British", "White: Irish",
            "White: Gypsy or Irish Traveller", "White: Roma", "White: any other White background",
            "Other ethnic group: Arab",
            "Other ethnic group: any other ethnic group", "Not stated",
        ])

    // §5.9 (Hampshire Table 10), condensed.
    static let outcomesSought = list(
        .outcomeSought,
        [
            "Apology", "Apology & explanation", "Explanation", "Better communication",
            "Change of social worker / worker",
            "Assessment / reassessment", "Case / decision review", "Reinstate provision / service", "Service delivery",
            "Financial reimbursement", "Compensation", "Policy / procedure review", "Assurance of non-recurrence",
            "Request for meeting", "Best practice learning", "Not known / not stated",
        ])

    // §5.10 (Hampshire Table 11, "taken from the response letter"), condensed.
    static let actualOutcomes = list(
        .actualOutcome,
        [
            "Apology", "Apology & explanation", "Explanation", "Better communication",
            "Change of social worker / worker",
            "Review / reassessment", "Agreed additional support", "Service to continue",
            "Financial reimbursement - actual",
            "Financial reimbursement - offer", "Discretionary payment", "Policy / procedure review", "Staff training",
            "Management action (staff)", "Management action (operational)", "Meeting offer",
            "Best practice learning - service / area",
            "No investigation possible", "Other",
        ])

    // Lancashire's learning areas (§5.6) and the Leicestershire action headings.
    static let learningThemes = list(
        .learningTheme,
        [
            "Communication", "Care and support planning", "Assessment practice", "Recording and case notes",
            "Timeliness",
            "Charging and financial information", "Equipment and adaptations", "Commissioned services",
            "Complaint handling",
            "Safeguarding practice", "Transitions", "Other",
        ])

    private static func list(_ list: CategoryList, group: String? = nil, _ labels: [String]) -> [Category] {
        labels.map { Category(list: list, code: Category.code(for: $0), label: $0, group: group) }
    }

    // §5.4 (Hampshire Tables 3–4), plus the routes the reports name for compliments.
    static let methods = list(
        .method,
        [
            "Online form", "Complaint form", "Email", "Letter", "Telephone", "In person",
            "Young person's complaint form", "Via advocate", "Via councillor or MP", "Via LGSCO",
            "Via contact centre", "Feedback card or leaflet", "Other",
        ])

    // §5.5 (Hampshire Table 5), with its groups.
    static let relationships =
        list(
            .relationship, group: "Parent or carer",
            ["Parent", "Non-resident parent", "Adopter", "Special guardian", "Step-parent", "Partner", "Ex-partner"])
        + list(.relationship, group: "Relative", ["Grandparent", "Sibling", "Other relative"])
        + list(
            .relationship, group: "Carer or provider",
            [
                "Foster carer", "Prospective foster carer or adopter", "Direct payment carer", "Unpaid carer",
                "Care provider",
            ])
        + list(
            .relationship, group: "Person receiving services",
            ["Service user (adult)", "Service user (young person)", "Service user (child 0-17)"])
        + list(.relationship, group: "Representative", ["Advocate", "Attorney or deputy", "Solicitor"])
        + list(
            .relationship, group: "Professional",
            ["Health staff", "School staff", "Other agency", "Council staff", "Other professional"])
        + list(.relationship, group: "Other", ["Friend or neighbour", "Other", "Unknown"])

    // §5.6 (Lancashire Graph 7), §5.7 (Hampshire Table 8 and Table 9), grouped by service area.
    static let services =
        list(
            .service, group: ServiceArea.adultSocialCare.rawValue,
            [
                "Assessment", "Carers assessment", "Care provision", "Commissioned support from other organisations",
                "Customer service centre", "Day care provision", "Direct payments / personal budgets",
                "Emergency duty team",
                "Equipment / adaptations", "Financial", "Home care / domiciliary care", "Integrated mental health",
                "Mental Capacity Act (DoLS)", "Reablement & rehabilitation", "Residential and nursing provision",
                "Respite services", "Review", "Safeguarding process", "Shared lives", "Social work practice",
                "Support planning", "Supported accommodation / outreach", "Transport", "Other", "Not recorded",
            ])
        + list(
            .service, group: ServiceArea.childrensSocialCare.rawValue,
            [
                "Adoption / permanence", "Assessment", "Care leavers", "Child in need", "Child protection",
                "Children in care", "Disabled children's team", "Early help", "Emergency duty team / out of hours",
                "Family support service", "Fostering", "Independent reviewing service", "Intensive support service",
                "MASH / front door", "Residential provision", "Safeguarding process", "Social work practice",
                "Services for young people", "Youth offending", "Not receiving a service", "Other", "Not recorded",
            ])
        + list(
            .service, group: ServiceArea.corporate.rawValue,
            [
                "Education", "Home to school transport", "School admissions", "SEN / EHCP", "Early years",
                "Data protection / subject access", "Customer service centre", "Charging and financial assessment",
                "Other", "Not recorded",
            ])

    // §5.8 (Hampshire Table 6), condensed to the codes the reports count most.
    static let natures = list(
        .nature,
        [
            "Conduct of worker", "Poor communication", "Delay / failure to keep informed",
            "Delay in provision of service",
            "Quality of service", "Assessment outcome", "Assessment process", "Application of policy",
            "Failure to implement agreed actions", "Change to service", "Refusal of service", "Contact arrangements",
            "Placement decision", "Finance / charging", "Eligibility for service or funding", "Safeguarding",
            "Multiple changes of worker", "Non-adherence to procedure", "Discrimination", "Data protection", "Other",
            "Unknown",
        ])

    // CAT-03: findings, then closures that are not findings.
    static let outcomes = [
        Category(list: .outcome, code: "upheld", label: "Upheld"),
        Category(list: .outcome, code: "partly-upheld", label: "Partly upheld"),
        Category(list: .outcome, code: "not-upheld", label: "Not upheld"),
        Category(list: .outcome, code: "no-finding", label: "No finding"),
        Category(list: .outcome, code: "resolved-early", label: "Resolved early"),
        Category(list: .outcome, code: "withdrawn", label: "Withdrawn"),
        Category(list: .outcome, code: "signposted", label: "Signposted"),
        Category(list: .outcome, code: "not-investigated", label: "Not investigated"),
        Category(list: .outcome, code: "escalated-unanswered", label: "Escalated without a response"),
        Category(list: .outcome, code: "refused", label: "Refused"),
    ]

    // §5.3 (Hampshire Table 1), with ASC-07 exclusions.
    static let refusalReasons = list(
        .refusalReason,
        [
            "Court proceedings", "Criminal proceedings", "No parental responsibility", "Not in best interest of child",
            "Out of time", "Outside of remit", "Repeat complaint", "Tribunal", "Resolved by next working day",
            "Previously investigated", "Being investigated by an ombudsman", "Employment matter",
        ])
}
