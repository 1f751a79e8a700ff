/** The dashboard query of the README, as frontends send it. */
export const RESIDENT_DASHBOARD = /* GraphQL */ `
  query ResidentDashboard {
    me {
      id fullName birthDate
      appointments { id startTime specialityName clinicName }
      medicalCard { documents(first: 3) { id title date } }
      children {
        id fullName
        student {
          schoolName className
          marks(from: "2026-11-01", to: "2026-11-21") { subject value date }
          homework(from: "2026-11-16", to: "2026-11-22") { subject description dueDate }
        }
      }
      homes {
        payerCode address
        meters { id kind serialNumber canSubmitNow lastReading { period value } }
        bills(last: 3) { period status amount { kopecks } }
      }
      vehicles { plate fines { uin status issuedAt amount { kopecks } } residentPermit { zone validUntil } }
      parkingAccount { balance { kopecks } }
    }
  }
`;
